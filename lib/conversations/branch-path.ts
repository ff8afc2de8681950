// Branches as plain data (no I/O): which messages a branch shows, where a new one starts, and the
// versions a message has. Messages keep the seq they were stored with; a branch continues another
// after one of its messages, so a branch's messages are those of its path: each listed branch's
// messages up to the seq where the next one left it.

/** PostgreSQL's largest integer: "to the end" for the path's last branch. */
export const OPEN_END = 2_147_483_647;

/** A path from the root: branch ids, and the last seq taken from each. */
export interface BranchPath {
  branches: number[];
  ends: number[];
}

/** The root branch's path: every message of branch 0. A conversation that never branched has only it. */
export const ROOT_PATH: BranchPath = { branches: [0], ends: [OPEN_END] };

/** Where a message sits: its branch and seq. */
export interface MessagePlace {
  branch: number;
  seq: number;
}

/** A branch as the tree needs it (Branch rows, without their memory). */
export interface BranchNode {
  id: number;
  /** The branch it continues, after message `forkSeq` (0: from the start). */
  parent: number;
  forkSeq: number;
  path: BranchPath;
  /** When it last became the current branch. */
  activeAt: Date;
}

/** What the SQL filter `onPath` says, in TypeScript. */
export function isOnPath(path: BranchPath, message: MessagePlace): boolean {
  const at = path.branches.indexOf(message.branch);
  return at >= 0 && message.seq <= path.ends[at];
}

/**
 * The path of a new branch `id` that continues `path` after message `after` (which must be on it),
 * or from the very start when `after` is null.
 */
export function forkPath(path: BranchPath, after: MessagePlace | null, id: number): BranchPath {
  if (!after) return { branches: [id], ends: [OPEN_END] };
  const at = path.branches.indexOf(after.branch);
  if (at < 0 || after.seq > path.ends[at]) throw new Error(`Message ${after.seq} is not on the path it is forked from.`);
  return { branches: [...path.branches.slice(0, at + 1), id], ends: [...path.ends.slice(0, at), after.seq, OPEN_END] };
}

/** A message's versions: the siblings that follow the same message, and which branch shows each of its neighbours. */
export interface Versions {
  /** From 1. */
  index: number;
  count: number;
  /** The branch to switch to for the previous and the next version; null at either end. */
  previous: number | null;
  next: number | null;
}

/** Of the branches whose path shows the child, the one used last: switching goes back to where the reader was. */
function latestThrough(branches: BranchNode[], shows: (path: BranchPath) => boolean): number | null {
  let best: BranchNode | null = null;
  for (const branch of branches) {
    if (!shows(branch.path)) continue;
    if (!best || branch.activeAt > best.activeAt || (branch.activeAt.getTime() === best.activeAt.getTime() && branch.id > best.id))
      best = branch;
  }
  return best?.id ?? null;
}

/** Branches by the message they start after ("branch:seq"), oldest first: built once per list of branches. */
const forksByParent = new WeakMap<BranchNode[], Map<string, BranchNode[]>>();

function forksAfter(branches: BranchNode[], from: MessagePlace): BranchNode[] {
  let index = forksByParent.get(branches);
  if (!index) {
    index = new Map();
    for (const branch of [...branches].sort((a, b) => a.id - b.id)) {
      if (branch.id === 0) continue;
      const key = `${branch.parent}:${branch.forkSeq}`;
      index.set(key, [...(index.get(key) ?? []), branch]);
    }
    forksByParent.set(branches, index);
  }
  return index.get(`${from.branch}:${from.seq}`) ?? [];
}

/**
 * The versions of `message`, whose parent on the current path is `parent` (null: it is the first
 * message): the parent's own continuation first, then each branch started after the parent, oldest
 * first. Null when it has no sibling. A page asks this of each of its messages with the same list of
 * branches, which is indexed once; only messages that have siblings look further.
 */
export function versionsOf(branches: BranchNode[], message: MessagePlace, parent: MessagePlace | null): Versions | null {
  const from = parent ?? { branch: 0, seq: 0 };
  const forks = forksAfter(branches, from);
  if (forks.length === 0) return null;
  // The continuation of the parent's own branch is shown by paths that take that branch past the parent.
  const targets = [
    latestThrough(branches, (path) => {
      const at = path.branches.indexOf(from.branch);
      return at >= 0 && path.ends[at] > from.seq;
    }),
    ...forks.map((fork) => latestThrough(branches, (path) => path.branches.includes(fork.id))),
  ];
  const index = message.branch === from.branch ? 0 : 1 + forks.findIndex((fork) => fork.id === message.branch);
  if (index === 0 && message.branch !== from.branch) return null;
  return {
    index: index + 1,
    count: targets.length,
    previous: index > 0 ? targets[index - 1] : null,
    next: index < targets.length - 1 ? targets[index + 1] : null,
  };
}
