import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BranchNode, forkPath, isOnPath, ROOT_PATH, versionsOf } from "@/lib/conversations/branch-path";

interface Node {
  seq: number;
  branch: number;
  /** The parent's seq, 0 for a first message: the tree as it really is, which the paths must agree with. */
  parent: number;
}

type Operation = { kind: "append" } | { kind: "fork"; at: number } | { kind: "switch"; to: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "append" as const }) },
  { weight: 2, arbitrary: fc.nat().map((at) => ({ kind: "fork" as const, at })) },
  { weight: 1, arbitrary: fc.nat().map((to) => ({ kind: "switch" as const, to })) },
);

/** Plays operations as the app does (append to the current branch, edit a message on it, switch), keeping the tree by parent. */
function play(operations: Operation[]) {
  const messages: Node[] = [];
  const branches: BranchNode[] = [{ id: 0, parent: 0, forkSeq: 0, path: ROOT_PATH, activeAt: new Date(0) }];
  let current = branches[0];
  let clock = 1;
  const onCurrent = () => messages.filter((m) => isOnPath(current.path, m));
  const add = (branch: number, parent: number) => messages.push({ seq: messages.length + 1, branch, parent });
  for (const op of operations) {
    const shown = onCurrent();
    if (op.kind === "append" || shown.length === 0) add(current.id, shown.at(-1)?.seq ?? 0);
    else if (op.kind === "fork") {
      const index = op.at % shown.length;
      const before = index > 0 ? shown[index - 1] : null;
      const id = branches.length;
      const branch = {
        id,
        parent: before?.branch ?? 0,
        forkSeq: before?.seq ?? 0,
        path: forkPath(current.path, before, id),
        activeAt: new Date(clock++),
      };
      branches.push(branch);
      current = branch;
      add(id, before?.seq ?? 0);
    } else {
      current = branches[op.to % branches.length];
      current.activeAt = new Date(clock++);
    }
  }
  return { messages, branches, current };
}

describe("branch paths and versions (properties)", () => {
  it("every branch's path is a chain of parents from the start, and versions are the parent's children in order", () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 60 }), (operations) => {
        const { messages, branches } = play(operations);
        for (const branch of branches) {
          const path = messages.filter((m) => isOnPath(branch.path, m));
          for (const [i, message] of path.entries()) expect(message.parent).toBe(i === 0 ? 0 : path[i - 1].seq);
          path.forEach((message, i) => {
            const parent = i === 0 ? null : path[i - 1];
            const siblings = messages.filter((m) => m.parent === (parent?.seq ?? 0));
            const versions = versionsOf(branches, message, parent);
            if (siblings.length === 1) {
              expect(versions).toBeNull();
              return;
            }
            expect(versions).not.toBeNull();
            if (!versions) return;
            expect(versions.count).toBe(siblings.length);
            expect(siblings[versions.index - 1].seq).toBe(message.seq);
            // Each neighbour's branch shows that neighbour, after the same parent.
            const neighbours = [
              [versions.previous, siblings[versions.index - 2]],
              [versions.next, siblings[versions.index]],
            ] as const;
            for (const [target, sibling] of neighbours) {
              if (!sibling) {
                expect(target).toBeNull();
                continue;
              }
              const shows = branches.find((b) => b.id === target);
              expect(shows && isOnPath(shows.path, sibling)).toBe(true);
            }
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("switching to a version goes back to the branch under it that was used last", () => {
    const { messages, branches } = play([
      { kind: "append" },
      { kind: "append" },
      { kind: "append" },
      { kind: "fork", at: 2 },
      { kind: "append" },
      { kind: "fork", at: 3 },
      { kind: "switch", to: 0 },
    ]);
    // Message 3 has two versions: the root's, and branch 1's; branch 2 continues branch 1, and was used after it.
    const third = messages.find((m) => m.seq === 3);
    if (!third) throw new Error("no third message");
    expect(versionsOf(branches, third, messages[1])).toEqual({ index: 1, count: 2, previous: null, next: 2 });
  });

  it("a fork must start from a message on the path it continues", () => {
    expect(() => forkPath({ branches: [0, 1], ends: [4, 2_147_483_647] }, { branch: 0, seq: 6 }, 2)).toThrow();
    expect(forkPath({ branches: [0, 1], ends: [4, 2_147_483_647] }, { branch: 1, seq: 9 }, 2)).toEqual({
      branches: [0, 1, 2],
      ends: [4, 9, 2_147_483_647],
    });
  });
});
