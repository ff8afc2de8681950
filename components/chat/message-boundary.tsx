"use client";

import { Component, type ReactNode } from "react";

/**
 * Whatever a message holds, a failure to render it stays inside it: the message shows its raw text
 * and the rest of the page goes on (a page that threw would throw again after every reload).
 */
export class MessageBoundary extends Component<{ text: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidUpdate(previous: { text: string }) {
    // New text (a streaming reply) gets another try.
    if (this.state.failed && previous.text !== this.props.text) this.setState({ failed: false });
  }

  render() {
    return this.state.failed ? (
      <p className="whitespace-pre-wrap break-words" data-render-failed>
        {this.props.text}
      </p>
    ) : (
      this.props.children
    );
  }
}
