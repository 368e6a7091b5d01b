import type { KeyboardEvent, PointerEvent } from 'react';

/**
 * A handle between two panes: drag it, or focus it and use the arrow keys (Shift for bigger steps,
 * Home and End for the limits). `value` is the size of the pane it resizes; `sign` says which way
 * the pointer grows it (+1: right or down, -1: left or up).
 */
export function Splitter({
  label,
  orientation,
  value,
  min,
  max,
  sign,
  onChange,
}: {
  label: string;
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  sign: 1 | -1;
  onChange: (value: number) => void;
}) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const start = orientation === 'vertical' ? event.clientX : event.clientY;
    const from = value;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onChange(from + sign * ((orientation === 'vertical' ? e.clientX : e.clientY) - start));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 64 : 16;
    const grow: Record<string, number> = orientation === 'vertical' ? { ArrowRight: sign, ArrowLeft: -sign } : { ArrowDown: sign, ArrowUp: -sign };
    const direction = grow[event.key];
    if (direction !== undefined) onChange(value + direction * step);
    else if (event.key === 'Home') onChange(min);
    else if (event.key === 'End') onChange(max);
    else return;
    event.preventDefault();
  };
  return (
    <div
      className={`splitter ${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
