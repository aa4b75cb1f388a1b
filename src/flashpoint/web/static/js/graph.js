// A deterministic force-directed layout (Fruchterman–Reingold): the same network
// always gets the same picture. Nodes start on a circle, biggest first, so no
// random numbers are involved; the forces then pull tied nodes together.

const ITERATIONS = 300;

function start(nodes) {
  const positions = new Map();
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    positions.set(node.code, { x: Math.cos(angle), y: Math.sin(angle) });
  });
  return positions;
}

function repel(codes, positions, k, shift) {
  for (let i = 0; i < codes.length; i += 1) {
    for (let j = i + 1; j < codes.length; j += 1) {
      const p = positions.get(codes[i]);
      const q = positions.get(codes[j]);
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const dist = Math.max(Math.hypot(dx, dy), 1e-3);
      // Beyond a few ideal lengths nodes stop pushing (Fruchterman and Reingold's grid
      // variant), so separate groups settle near the middle instead of at the edges.
      if (dist > 3 * k) continue;
      const force = (k * k) / dist;
      shift.get(codes[i]).x += (dx / dist) * force;
      shift.get(codes[i]).y += (dy / dist) * force;
      shift.get(codes[j]).x -= (dx / dist) * force;
      shift.get(codes[j]).y -= (dy / dist) * force;
    }
  }
}

function attract(edges, positions, k, shift) {
  for (const edge of edges) {
    const p = positions.get(edge.a);
    const q = positions.get(edge.b);
    if (!p || !q || p === q) continue;
    const dx = p.x - q.x;
    const dy = p.y - q.y;
    const dist = Math.max(Math.hypot(dx, dy), 1e-3);
    const force = (dist * dist) / k;
    shift.get(edge.a).x -= (dx / dist) * force;
    shift.get(edge.a).y -= (dy / dist) * force;
    shift.get(edge.b).x += (dx / dist) * force;
    shift.get(edge.b).y += (dy / dist) * force;
  }
}

// A pull towards the centre keeps nodes without ties from drifting off the chart.
function gravity(codes, positions, k, shift) {
  for (const code of codes) {
    const p = positions.get(code);
    shift.get(code).x -= p.x * k * 0.6;
    shift.get(code).y -= p.y * k * 0.6;
  }
}

// Positions in [-1, 1] for every node code.
export function forceLayout(nodes, edges) {
  const ordered = [...nodes].sort((p, q) => q.events - p.events || p.code.localeCompare(q.code));
  const positions = start(ordered);
  const codes = ordered.map((n) => n.code);
  const k = Math.sqrt(4 / Math.max(codes.length, 1));
  let step = 0.1;
  for (let round = 0; round < ITERATIONS; round += 1) {
    const shift = new Map(codes.map((c) => [c, { x: 0, y: 0 }]));
    repel(codes, positions, k, shift);
    attract(edges, positions, k, shift);
    gravity(codes, positions, k, shift);
    for (const code of codes) {
      const d = shift.get(code);
      const length = Math.max(Math.hypot(d.x, d.y), 1e-9);
      const p = positions.get(code);
      p.x += (d.x / length) * Math.min(length, step);
      p.y += (d.y / length) * Math.min(length, step);
    }
    step = Math.max(step * 0.985, 0.002);
  }
  return normalise(positions);
}

function normalise(positions) {
  const all = [...positions.values()];
  const mx = all.reduce((sum, p) => sum + p.x, 0) / Math.max(all.length, 1);
  const my = all.reduce((sum, p) => sum + p.y, 0) / Math.max(all.length, 1);
  for (const p of all) {
    p.x -= mx;
    p.y -= my;
  }
  const span = Math.max(...all.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))), 1e-9);
  for (const p of all) {
    p.x /= span;
    p.y /= span;
  }
  return positions;
}
