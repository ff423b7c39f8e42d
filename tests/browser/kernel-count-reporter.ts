import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints how many kernel cases ran on WebGPU and on the CPU path. Kernel tests
 * attach annotations { type: 'kernel-cases', description: '<backend>:<count>' }.
 */
export default class KernelCountReporter implements Reporter {
  private counts = { webgpu: 0, cpu: 0 };
  private adapter = '';

  onTestEnd(test: TestCase, result: TestResult): void {
    // Recent Playwright versions copy runtime annotations into both lists: count each once.
    const annotations = result.annotations?.length ? result.annotations : test.annotations;
    for (const a of annotations) {
      if (a.type === 'kernel-cases' && a.description) {
        const [backend, count] = a.description.split(':');
        if (backend === 'webgpu' || backend === 'cpu') this.counts[backend] += Number(count);
      }
      if (a.type === 'adapter' && a.description) this.adapter = a.description;
    }
  }

  onEnd(): void {
    console.log(
      `\nKernel cases: ${this.counts.webgpu} ran on WebGPU${this.adapter ? ` (${this.adapter})` : ''}, ${this.counts.cpu} on the CPU path.`,
    );
  }

  printsToStdio(): boolean {
    return false;
  }
}
