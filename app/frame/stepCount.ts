/**
 * The step counter: the job's own count where its progress carries one (`done`, `step` or
 * `iteration`, in that order), else the number of frames (progress reports) received.
 */
export function stepCount(progress: unknown, frames: number): number {
  if (progress && typeof progress === 'object') {
    const fields = progress as Record<string, unknown>;
    for (const key of ['done', 'step', 'iteration']) {
      const value = fields[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
  }
  return frames;
}
