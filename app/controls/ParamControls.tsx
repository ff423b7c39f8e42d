/**
 * Controls generated from a parameter table: a native range slider paired with a
 * number input for numbers (log-scaled sliders move in log10 space; seeds get the
 * number box alone), a select for enums and a checkbox for booleans. Native inputs
 * give keyboard use and ARIA roles for free; aria-valuetext adds the unit. The
 * essential controls are shown, the rest sit under a closed "More settings"
 * disclosure; a control that does not apply is disabled and says why; every
 * control has a tooltip (app/controls/layout.ts).
 */
import { useEffect, useId, useState } from 'react';
import { describeValue, type NumberSpec, type ParamSpec, type ParamTable, type ParamValue, type ParamValues } from '../params/spec';
import { applies, controlTooltip, isNumberBox, splitEssential } from './layout';

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
  const { essential, more } = splitEssential(table.filter((spec) => !hidden.includes(spec.name)));
  const control = (spec: ParamSpec) => {
    const off = !applies(spec, values);
    return (
      <div key={spec.name} className={off ? 'param-slot param-inapplicable' : 'param-slot'}>
        <ParamControl spec={spec} value={values[spec.name] ?? spec.default} onChange={onChange} disabled={disabled || off} onDrag={onDrag} />
        {off && spec.inapplicableReason ? <p className="param-reason">{spec.inapplicableReason}</p> : null}
      </div>
    );
  };
  return (
    <div className="param-controls">
      {essential.map(control)}
      {more.length ? (
        <details className="more-settings">
          <summary>More settings ({more.length})</summary>
          <div className="param-controls">{more.map(control)}</div>
        </details>
      ) : null}
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
  const title = controlTooltip(spec);
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
  const numberBox = isNumberBox(spec);
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
    <div className={numberBox ? 'param param-number param-box' : 'param param-number'} title={controlTooltip(spec)}>
      <label className="param-label" htmlFor={numberBox ? `${id}-box` : id}>
        {spec.label}
        {spec.unit ? <span className="param-unit"> ({spec.unit})</span> : null}
      </label>
      {numberBox ? null : <input
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
      />}
      <input
        id={`${id}-box`}
        type="number"
        className="param-value"
        name={numberBox ? spec.name : undefined}
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
