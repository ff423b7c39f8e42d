/** Pure data shared by the app and the workers: job-facing names, labels and limits (no worker, GPU or DOM code). */
export * from './backendStatus';
export * from './heat';
export * from './params';
export * from './errors';
