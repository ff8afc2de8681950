/** A file sent with a message, as the browser shows it (a chip, a thumbnail) and downloads it. */
export interface AttachmentView {
  id: string;
  name: string;
  /** Detected from its bytes. */
  mediaType: string;
  size: number;
  /** An image's, when they could be read. */
  width: number | null;
  height: number | null;
  /** Where the browser gets it: under its conversation, or under a share link. */
  url: string;
}

/** Where the browser gets a conversation's file: images are shown inline, anything else downloads. */
export const attachmentUrl = (conversationId: string, attachmentId: string) =>
  `/api/conversations/${conversationId}/attachments/${attachmentId}`;

/** Where a share link's reader gets a file of the conversation it shows: by the link's token, never the conversation's id. */
export const sharedAttachmentUrl = (token: string, attachmentId: string) => `/api/share/${token}/attachments/${attachmentId}`;

/** The same file's address that always downloads (an image's too). */
export const downloadUrl = (url: string) => `${url}?download`;
