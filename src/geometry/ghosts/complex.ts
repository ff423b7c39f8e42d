/**
 * The few complex-number operations the ghosts chapter needs, on plain {re, im}
 * records. Local to this folder on purpose: nothing else in geometry needs complex
 * arithmetic, and hot loops below work on (re, im) pairs directly.
 */
export interface Complex {
  re: number;
  im: number;
}

export function complex(re: number, im = 0): Complex {
  return { re, im };
}

export function cAdd(a: Complex, b: Complex): Complex {
  return { re: a.re + b.re, im: a.im + b.im };
}

export function cSub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

export function cMul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

/** a / b by Smith's algorithm (no overflow for large |b|). */
export function cDiv(a: Complex, b: Complex): Complex {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const t = b.im / b.re;
    const d = b.re + b.im * t;
    return { re: (a.re + a.im * t) / d, im: (a.im - a.re * t) / d };
  }
  const t = b.re / b.im;
  const d = b.re * t + b.im;
  return { re: (a.re * t + a.im) / d, im: (a.im * t - a.re) / d };
}

/** e^a = e^{re}(cos im + i sin im). */
export function cExp(a: Complex): Complex {
  const m = Math.exp(a.re);
  return { re: m * Math.cos(a.im), im: m * Math.sin(a.im) };
}

export function cAbs(a: Complex): number {
  return Math.hypot(a.re, a.im);
}

/** Principal argument in (−π, π]. */
export function cArg(a: Complex): number {
  return Math.atan2(a.im, a.re);
}

export function cConj(a: Complex): Complex {
  return { re: a.re, im: -a.im };
}
