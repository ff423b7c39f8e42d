/**
 * Graph shortest-path (Isomap-like) distances: the undirected kNN graph with edge
 * i–j whenever j is among the k nearest neighbours of i or i among those of j, weighted
 * by the Euclidean length ‖x_i − x_j‖ (as scikit-learn's Isomap: kneighbors_graph in
 * 'distance' mode, then shortest_path(directed=False)); Dijkstra with a binary heap
 * from every source, O(n (E + n) log n). Unreachable pairs are Infinity.
 */
import type { NeighbourLists } from '../linalg/distances';

export interface WeightedGraph {
  n: number;
  rowPtr: Int32Array;
  colIndex: Int32Array;
  lengths: Float64Array;
}

/** The symmetric kNN graph with Euclidean edge lengths, using the first k neighbours of each list. */
export function knnDistanceGraph(neighbours: NeighbourLists, n: number, k: number): WeightedGraph {
  const kk = neighbours.k;
  if (k > kk) throw new Error(`neighbour lists hold ${kk} per point but k = ${k}`);
  const adjacency: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const j = neighbours.indices[i * kk + p];
      const len = Math.sqrt(neighbours.squaredDistances[i * kk + p]);
      const a = adjacency[i].get(j);
      if (a === undefined || len < a) adjacency[i].set(j, len);
      const b = adjacency[j].get(i);
      if (b === undefined || len < b) adjacency[j].set(i, len);
    }
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + adjacency[i].size;
  const colIndex = new Int32Array(rowPtr[n]);
  const lengths = new Float64Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    let p = rowPtr[i];
    for (const [j, len] of adjacency[i]) {
      colIndex[p] = j;
      lengths[p++] = len;
    }
  }
  return { n, rowPtr, colIndex, lengths };
}

/** Distances from `source` to every node (Dijkstra), written into `out`. */
export function dijkstra(graph: WeightedGraph, source: number, out: Float64Array, heap = new BinaryHeap(graph.n)): Float64Array {
  out.fill(Infinity);
  out[source] = 0;
  heap.clear();
  heap.push(source, 0);
  while (heap.size > 0) {
    const i = heap.pop();
    const di = out[i];
    for (let p = graph.rowPtr[i]; p < graph.rowPtr[i + 1]; p++) {
      const j = graph.colIndex[p];
      const nd = di + graph.lengths[p];
      if (nd < out[j]) {
        out[j] = nd;
        heap.push(j, nd);
      }
    }
  }
  return out;
}

/** All-pairs shortest paths (n×n); `onRow` after each source for progress. */
export function allPairsShortestPaths(graph: WeightedGraph, onRow?: (i: number) => void): Float64Array {
  const n = graph.n;
  const out = new Float64Array(n * n);
  const heap = new BinaryHeap(n);
  for (let s = 0; s < n; s++) {
    dijkstra(graph, s, out.subarray(s * n, (s + 1) * n), heap);
    onRow?.(s);
  }
  // exact symmetry (Dijkstra sums the same edges in another order)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.min(out[i * n + j], out[j * n + i]);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** A binary min-heap of (node, key) with lazy deletion (stale entries are skipped on pop). */
export class BinaryHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;
  private best: Float64Array;

  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(16, capacity * 4));
    this.keys = new Float64Array(this.nodes.length);
    this.best = new Float64Array(capacity).fill(Infinity);
  }

  clear(): void {
    this.size = 0;
    this.best.fill(Infinity);
  }

  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.nodes.length * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    this.best[node] = key;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.nodes[i] = this.nodes[parent];
      this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  /** Pops the node with the smallest current key; stale duplicates are dropped. Returns -1 when empty. */
  pop(): number {
    while (this.size > 0) {
      const node = this.nodes[0];
      const key = this.keys[0];
      const lastNode = this.nodes[--this.size];
      const lastKey = this.keys[this.size];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= this.size) break;
        if (c + 1 < this.size && this.keys[c + 1] < this.keys[c]) c++;
        if (this.keys[c] >= lastKey) break;
        this.nodes[i] = this.nodes[c];
        this.keys[i] = this.keys[c];
        i = c;
      }
      this.nodes[i] = lastNode;
      this.keys[i] = lastKey;
      if (key <= this.best[node]) {
        this.best[node] = -Infinity; // settled
        return node;
      }
    }
    return -1;
  }
}
