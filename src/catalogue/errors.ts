/** Thrown for bad input: the message names the bad value and what was expected, and is shown next to the figure. */
export class InputError extends Error {
  override name = 'InputError';
}
