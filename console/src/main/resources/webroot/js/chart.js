'use strict';
// 守望 · water use chart: hourly bars over seven days as inline SVG (no chart library, no network).
(() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 720;
  const H = 180;
  const PAD = { left: 44, right: 8, top: 10, bottom: 28 };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // hours: [{hour: ISO, liters}], oldest first.
  SW.waterChart = (data) => {
    const hours = data.hours || [];
    const max = Math.max(1, ...hours.map((h) => h.liters));
    const top = Math.ceil(max / 5) * 5;
    const plotW = W - PAD.left - PAD.right;
    const plotH = H - PAD.top - PAD.bottom;
    const barW = plotW / Math.max(1, hours.length);
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img',
      'aria-label': `近 7 天每小时用水量，共 ${data.totalLiters} 升，最高每小时 ${max.toFixed(1)} 升` });
    root.append(svg('title', {}, '近 7 天每小时用水量（升）'));
    [0, 0.5, 1].forEach((f) => {
      const y = PAD.top + plotH * (1 - f);
      root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
      root.append(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, `${(top * f).toFixed(0)}升`));
    });
    hours.forEach((h, i) => {
      const at = new Date(h.hour);
      const local = new Date(at.getTime() + 8 * 3600 * 1000);
      if (local.getUTCHours() === 0) {
        const x = PAD.left + i * barW;
        root.append(svg('line', { x1: x, x2: x, y1: PAD.top, y2: PAD.top + plotH, class: 'day' }));
        root.append(svg('text', { x: x + 2, y: H - 10, class: 'axis' }, `${local.getUTCMonth() + 1}/${local.getUTCDate()}`));
      }
      if (h.liters > 0) {
        const bh = plotH * (h.liters / top);
        const bar = svg('rect', { x: PAD.left + i * barW, y: PAD.top + plotH - bh, width: Math.max(1, barW - 0.5),
          height: bh, class: 'bar' });
        bar.append(svg('title', {}, `${SW.time(h.hour)}：${h.liters} 升`));
        root.append(bar);
      }
    });
    return root;
  };
})();
