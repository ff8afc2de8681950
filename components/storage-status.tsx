export function StorageStatus({ conversations }: { conversations: number }) {
  return (
    <p role="status">
      Connected to PostgreSQL: {conversations} {conversations === 1 ? "conversation" : "conversations"} stored.
    </p>
  );
}
