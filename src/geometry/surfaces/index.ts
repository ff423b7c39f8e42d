export * from './testSurfaces';
export * from './graphGeometry';
export * from './lossSlice';
