/**
 * Controls generated from a parameter table: a native range slider paired with a
 * number input for numbers (log-scaled sliders move in log10 space), a select
 * for enums and a checkbox for booleans. Native inputs give keyboard use and
 * ARIA roles for free; aria-valuetext adds the unit.
 */
import { useEffect, useId, useState } from 'react';
import { describeValue, type NumberSpec, type ParamSpec, type ParamTable, type ParamValue, type ParamValues } from '../params/spec';

interface Props {
  table: ParamTable;
  values: ParamValues;
  onChange(name: string, value: ParamValue): void;
  /** Names of parameters whose controls are hidden (teaching mode). */
  hidden?: readonly string[];
  disabled?: boolean;
  /**
   * Told when the pointer grabs a slider (true) and lets it go (false): while it is held, the
   * cell computes previews only (app/engine/useJob.ts).
   */
  onDrag?(active: boolean): void;
}

/** Calls `onDrag(true)` now and `onDrag(false)` once when the pointer is released anywhere. */
function holdUntilRelease(onDrag: (active: boolean) => void): void {
  onDrag(true);
  const release = () => {
    window.removeEventListener('pointerup', release);
    window.removeEventListener('pointercancel', release);
    onDrag(false);
  };
  window.addEventListener('pointerup', release);
  window.addEventListener('pointercancel', release);
}

export function ParamControls({ table, values, onChange, hidden = [], disabled, onDrag }: Props) {
  return (
    <div className="param-controls">
      {table
        .filter((spec) => !hidden.includes(spec.name))
        .map((spec) => (
          <ParamControl
            key={spec.name}
            spec={spec}
            value={values[spec.name] ?? spec.default}
            onChange={onChange}
            disabled={disabled}
            onDrag={onDrag}
          />
        ))}
    </div>
  );
}

function ParamControl({
  spec,
  value,
  onChange,
  disabled,
  onDrag,
}: {
  spec: ParamSpec;
  value: ParamValue;
  onChange(name: string, value: ParamValue): void;
  disabled?: boolean;
  onDrag?(active: boolean): void;
}) {
  const id = useId();
  const title = spec.description;
  if (spec.type === 'enum') {
    return (
      <label className="param" htmlFor={id} title={title}>
        <span className="param-label">{spec.label}</span>
        <select id={id} value={String(value)} disabled={disabled} onChange={(e) => onChange(spec.name, e.target.value)}>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (spec.type === 'boolean') {
    return (
      <label className="param param-boolean" htmlFor={id} title={title}>
        <input id={id} type="checkbox" checked={Boolean(value)} disabled={disabled} onChange={(e) => onChange(spec.name, e.target.checked)} />
        <span className="param-label">{spec.label}</span>
      </label>
    );
  }
  return <NumberControl spec={spec} value={Number(value)} onChange={onChange} disabled={disabled} onDrag={onDrag} />;
}

const LOG_STEPS_PER_DECADE = 50;

function toSlider(spec: NumberSpec, v: number): number {
  return spec.scale === 'log' ? Math.log10(v) : v;
}

function fromSlider(spec: NumberSpec, s: number): number {
  if (spec.scale !== 'log') return s;
  // Round to 3 significant digits so links stay short and readable.
  return Number((10 ** s).toPrecision(3));
}

function NumberControl({
  spec,
  value,
  onChange,
  disabled,
  onDrag,
}: {
  spec: NumberSpec;
  value: number;
  onChange(name: string, value: ParamValue): void;
  disabled?: boolean;
  onDrag?(active: boolean): void;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const log = spec.scale === 'log';
  const min = toSlider(spec, spec.min);
  const max = toSlider(spec, spec.max);
  const step = log ? 1 / LOG_STEPS_PER_DECADE : spec.step;
  const valueText = describeValue(spec, value);
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      setText(String(value));
      return;
    }
    onChange(spec.name, n);
  };
  return (
    <div className="param param-number" title={spec.description}>
      <label className="param-label" htmlFor={id}>
        {spec.label}
        {spec.unit ? <span className="param-unit"> ({spec.unit})</span> : null}
      </label>
      <input
        id={id}
        type="range"
        name={spec.name}
        min={min}
        max={max}
        step={step}
        value={toSlider(spec, value)}
        disabled={disabled}
        aria-valuetext={valueText}
        onPointerDown={onDrag ? () => holdUntilRelease(onDrag) : undefined}
        onChange={(e) => onChange(spec.name, fromSlider(spec, Number(e.target.value)))}
      />
      <input
        type="number"
        className="param-value"
        aria-label={`${spec.label} value`}
        min={spec.min}
        max={spec.max}
        step={log ? 'any' : spec.step}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </div>
  );
}
