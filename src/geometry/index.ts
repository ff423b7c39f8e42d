export * from './linalg';
export * from './random';
export * from './tolerance';
