export { LinePlot, type Series, type ReferenceLine } from './LinePlot';
export { Heatmap } from './Heatmap';
export { ScatterPlot, type PointLayer, type Segment } from './ScatterPlot';
export { finiteExtent, formatNumber, rampLevel, sameValues, sequentialColor, sequentialRgbTable, CATEGORY_COLORS, type ScaleKind } from './frame';
export { PALETTE, ROLE, SERIES_DASHES, seriesColor, seriesDash } from './palette';
export { figureSize, useFigureSize, useContainerWidth, type DesignSize } from './figureSize';
export { TYPE } from './type';
