export * from './testSurfaces';
export * from './graphGeometry';
