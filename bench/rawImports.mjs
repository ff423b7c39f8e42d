// Node module hooks for benchmarks that import job modules: Vite's `?raw` (WGSL sources) and
// `?url` imports load as empty strings (the benchmarks run the CPU path only).
export async function resolve(specifier, context, next) {
  if (/\?(raw|url)$/.test(specifier)) return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (/\?(raw|url)$/.test(url)) return { format: 'module', source: 'export default "";', shortCircuit: true };
  return next(url, context);
}
