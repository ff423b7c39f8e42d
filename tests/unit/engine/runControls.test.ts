import { describe, expect, it } from 'vitest';
import { createRunControls } from '../../../app/engine/runControls';

/** The messages the engine would receive, in order (`run` is logged by the test, as useJob sends it). */
function setup() {
  const log: string[] = [];
  const controls = createRunControls({ pause: () => log.push('pause'), step: () => log.push('step'), resume: () => log.push('resume') });
  const send = () => {
    log.push('run');
    controls.sent();
  };
  return { log, controls, send };
}

describe('run controls (play / pause / step around a run that waits to be sent)', () => {
  it('a pause pressed while the run waits follows its run message, not before it', () => {
    const { log, controls, send } = setup();
    controls.requested();
    controls.pause();
    expect(log).toEqual([]);
    send();
    expect(log).toEqual(['run', 'pause']);
  });

  it('a step pressed while the run waits becomes pause then step after the run message', () => {
    const { log, controls, send } = setup();
    controls.requested();
    controls.step();
    send();
    expect(log).toEqual(['run', 'pause', 'step']);
  });

  it('once the run is sent, presses go at once', () => {
    const { log, controls, send } = setup();
    controls.requested();
    send();
    controls.pause();
    controls.step();
    controls.resume();
    expect(log).toEqual(['run', 'pause', 'pause', 'step', 'resume']);
  });

  it('play before the run is sent cancels the held pause; a newer request drops it (a new run plays)', () => {
    const { log, controls, send } = setup();
    controls.requested();
    controls.pause();
    controls.resume();
    send();
    expect(log).toEqual(['resume', 'run']);
    log.length = 0;
    controls.requested();
    controls.pause();
    controls.requested();
    send();
    expect(log).toEqual(['run']);
  });
});
