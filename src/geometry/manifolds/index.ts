export * from './sphere';
export * from './hyperbolic';
export * from './grassmann';
export { thinSvd, type ThinSvd } from './thinSvd';
