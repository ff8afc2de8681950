"use client";

import { Brain, Download, EllipsisVertical, Share2 } from "lucide-react";
import { useState } from "react";
import { ExportMenuItems } from "./export-menu-items";
import { ModelPicker, ModelRadioItems } from "./model-picker";
import { ShareDialog } from "./share-dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";
import { IconButton } from "./ui/icon-button";

/**
 * The open conversation's model, Share (a read-only link, or behind a warning its private one),
 * Export and the memory panel: icon buttons on wide screens, one overflow menu on phones.
 */
export function HeaderActions({
  conversationId,
  stored,
  models,
  model,
  onChooseModel,
  memoryOpen,
  onToggleMemory,
}: {
  conversationId: string;
  stored: boolean;
  models: string[];
  model: string;
  onChooseModel: (model: string) => void;
  memoryOpen: boolean;
  onToggleMemory: () => void;
}) {
  const [sharing, setSharing] = useState(false);
  return (
    <div className="flex shrink-0 items-center gap-1">
      <div className="hidden items-center gap-1 md:flex">
        <ModelPicker models={models} value={model} onChange={onChooseModel} />
        {stored && (
          <>
            <IconButton label="Share" icon={Share2} tone="header" tooltipSide="bottom" onClick={() => setSharing(true)} />
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <IconButton label="Export" icon={Download} tone="header" tooltipSide="bottom" />
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                <ExportMenuItems conversationId={conversationId} />
              </DropdownMenuContent>
            </DropdownMenu>
          </>
        )}
        <IconButton
          label="Memory"
          icon={Brain}
          tone="header"
          tooltipSide="bottom"
          aria-pressed={memoryOpen}
          onClick={onToggleMemory}
          className="aria-pressed:bg-indigo-100 aria-pressed:text-indigo-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200"
        />
      </div>
      <div className="md:hidden">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <IconButton label="More" icon={EllipsisVertical} tone="header" />
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuLabel>Model</DropdownMenuLabel>
            <ModelRadioItems models={models} value={model} onChange={onChooseModel} />
            <DropdownMenuSeparator />
            {stored && (
              <>
                <DropdownMenuItem icon={<Share2 aria-hidden className="size-4" />} onSelect={() => setSharing(true)}>
                  Share
                </DropdownMenuItem>
                <ExportMenuItems conversationId={conversationId} />
              </>
            )}
            <DropdownMenuItem icon={<Brain aria-hidden className="size-4" />} onSelect={onToggleMemory}>
              {memoryOpen ? "Hide memory" : "Memory"}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {sharing && <ShareDialog conversationId={conversationId} onClose={() => setSharing(false)} />}
    </div>
  );
}
