/** Three dots that rise in turn: the reply is on its way. Still for people who ask for less motion. */
export function TypingDots() {
  return (
    <span aria-hidden className="inline-flex items-center gap-1 align-middle">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          style={{ animationDelay: `${delay}ms` }}
          className="size-1.5 animate-bounce rounded-full bg-zinc-500 motion-reduce:animate-none dark:bg-zinc-400"
        />
      ))}
    </span>
  );
}
