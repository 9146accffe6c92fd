import { useState } from 'react';
import { wellness } from './wellness';

/** The reviewer's own setting: suggest a break after this many cases. */
export function BreakSetting() {
  const [value, setValue] = useState(() => wellness.breakAfter());
  return (
    <label className="break-setting">
      Break reminder after{' '}
      <input
        type="number"
        min={1}
        max={500}
        value={value}
        onChange={(e) => {
          const cases = Number(e.target.value);
          setValue(cases);
          if (Number.isInteger(cases) && cases > 0) wellness.setBreakAfter(cases);
        }}
      />{' '}
      cases
    </label>
  );
}
