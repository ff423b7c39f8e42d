export { ThreeCanvas, makePointCloud, type ThreeHandle } from './ThreeCanvas';
