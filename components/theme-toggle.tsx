"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";
import { IconButton } from "./ui/icon-button";
import { useHydrated } from "./use-hydrated";

/** Light, Dark or System, from an icon that shows the theme in use. */
export function ThemeToggle() {
  const { theme, resolvedTheme, setTheme } = useTheme();
  // The server cannot know the theme: the icon waits for the browser, so the first paint matches.
  const hydrated = useHydrated();
  const icon = !hydrated ? Monitor : resolvedTheme === "dark" ? Moon : Sun;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <IconButton label="Theme" icon={icon} tone="header" />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
          <DropdownMenuRadioItem value="light" icon={<Sun aria-hidden className="size-4" />}>
            Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark" icon={<Moon aria-hidden className="size-4" />}>
            Dark
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system" icon={<Monitor aria-hidden className="size-4" />}>
            System
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
