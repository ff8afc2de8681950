"use client";

import { ChevronDown } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

/**
 * The conversation's model: a menu of the endpoint's chat models, its button named "Model: <name>";
 * with only one model there is nothing to choose, and its name is shown as text.
 */
export function ModelPicker({ models, value, onChange }: { models: string[]; value: string; onChange: (model: string) => void }) {
  if (models.length <= 1) {
    return (
      <span className="max-w-40 truncate px-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="model-name">
        {value === "offline" ? "Offline model" : value}
      </span>
    );
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <button
          type="button"
          aria-label={`Model: ${value}`}
          className="inline-flex max-w-48 items-center gap-1 rounded-lg px-2 py-1 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <span className="truncate">{value}</span>
          <ChevronDown aria-hidden className="size-4 shrink-0" />
        </button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>Model for this conversation</DropdownMenuLabel>
        <ModelRadioItems models={models} value={value} onChange={onChange} />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The models as a menu's radio items: this menu's, and the phone's overflow menu's. */
export function ModelRadioItems({ models, value, onChange }: { models: string[]; value: string; onChange: (model: string) => void }) {
  return (
    <DropdownMenuRadioGroup value={value} onValueChange={onChange}>
      {models.map((model) => (
        <DropdownMenuRadioItem key={model} value={model}>
          {model}
        </DropdownMenuRadioItem>
      ))}
    </DropdownMenuRadioGroup>
  );
}
