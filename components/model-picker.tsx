"use client";

/** The conversation's model: a native select, which assistive technology knows as a combobox named "Model". */
export function ModelPicker({ models, value, onChange }: { models: string[]; value: string; onChange: (model: string) => void }) {
  return (
    <select
      aria-label="Model"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="max-w-28 truncate sm:max-w-40 rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      {models.map((model) => (
        <option key={model} value={model}>
          {model}
        </option>
      ))}
    </select>
  );
}
