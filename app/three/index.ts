export { ThreeCanvas, makePointCloud, makePointGeometry, type ThreeHandle } from './ThreeCanvas';
