/** The parameter spec lives in src/catalogue/params.ts (shared with the jobs, which validate against it). */
export * from '../../src/catalogue/params';
