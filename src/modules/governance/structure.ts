/** The partnership's structure: the group tree with who chairs each group, how often it meets and whom it reports to. */
import type { GroupView, MembershipView } from './governance.repository.ts';
import { type Cadence, cadenceNames } from './governance.names.ts';

export interface GroupNode {
  id: string;
  name: string;
  reportsTo: string | null;
  alsoReportsTo: string | null;
  meets: string | null;
  chairRole: string | null;
  chairs: string[];
  children: GroupNode[];
}

interface TermsSummary {
  groupId: string;
  cadence: Cadence;
  chairRole: string;
  alsoReportsTo: string | null;
}

export function buildStructure(
  groups: readonly GroupView[],
  currentTerms: readonly TermsSummary[],
  currentChairs: readonly Pick<MembershipView, 'groupId' | 'personName'>[],
): GroupNode[] {
  const termsByGroup = new Map(currentTerms.map((terms) => [terms.groupId, terms]));
  const nodes = new Map<string, GroupNode>();
  for (const group of groups) {
    const terms = termsByGroup.get(group.id);
    nodes.set(group.id, {
      id: group.id,
      name: group.name,
      reportsTo: group.parentName,
      alsoReportsTo: terms?.alsoReportsTo ?? null,
      meets: terms ? cadenceNames[terms.cadence] : null,
      chairRole: terms?.chairRole ?? null,
      chairs: currentChairs.filter((chair) => chair.groupId === group.id).map((chair) => chair.personName),
      children: [],
    });
  }
  const roots: GroupNode[] = [];
  for (const group of groups) {
    const node = nodes.get(group.id);
    const parent = group.parentId ? nodes.get(group.parentId) : undefined;
    if (!node) continue;
    // A group whose parent is archived is shown at the top rather than lost.
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Depth-first order with depth, for the text equivalent of the diagram. */
export function flattenStructure(roots: readonly GroupNode[], depth = 0): { node: GroupNode; depth: number }[] {
  return roots.flatMap((node) => [{ node, depth }, ...flattenStructure(node.children, depth + 1)]);
}

export interface DiagramBox {
  node: GroupNode;
  x: number;
  y: number;
}

export interface Diagram {
  width: number;
  height: number;
  boxWidth: number;
  boxHeight: number;
  boxes: DiagramBox[];
  lines: { x1: number; y1: number; x2: number; y2: number }[];
}

/** Lays the tree out in rows, one row per level, each parent centred over its children. */
export function layoutDiagram(roots: readonly GroupNode[]): Diagram {
  const boxWidth = 220;
  const boxHeight = 112; // three lines of name and two of detail (see safer.css)
  const gapX = 24;
  const gapY = 56;
  const boxes: DiagramBox[] = [];
  const lines: Diagram['lines'] = [];
  let nextLeaf = 0;

  function place(node: GroupNode, depth: number): DiagramBox {
    const y = depth * (boxHeight + gapY);
    const children = node.children.map((child) => place(child, depth + 1));
    const x = children.length > 0 ? ((children[0]?.x ?? 0) + (children[children.length - 1]?.x ?? 0)) / 2 : nextLeaf++ * (boxWidth + gapX);
    const box = { node, x, y };
    boxes.push(box);
    for (const child of children) {
      lines.push({ x1: x + boxWidth / 2, y1: y + boxHeight, x2: child.x + boxWidth / 2, y2: child.y });
    }
    return box;
  }

  roots.forEach((root) => place(root, 0));
  const depth = Math.max(0, ...boxes.map((box) => box.y));
  return {
    width: Math.max(boxWidth, nextLeaf * (boxWidth + gapX) - gapX),
    height: depth + boxHeight,
    boxWidth,
    boxHeight,
    boxes,
    lines,
  };
}
