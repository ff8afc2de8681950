import { toast } from "sonner";

/** Copies a link the user asked for, and says whether it worked (a page not served securely has no clipboard). */
export async function copyLink(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`);
  } catch {
    toast.error("The browser did not allow copying: select the link and copy it.");
  }
}
