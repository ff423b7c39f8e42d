// Entry of a bench pool helper thread: loads the TypeScript helper through tsx (a worker thread does not inherit tsx's loader).
import { tsImport } from 'tsx/esm/api';

await tsImport('./poolHelper.node.ts', import.meta.url);
