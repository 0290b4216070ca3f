// Chart.js (served from /console/assets/chart.umd.js as window.Chart). Charts are created once
// and updated in place on each refresh, without animation, so the page does not flicker.
const charts = new Map();

export const palette = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bc4c00', '#0969da', '#57606a'];

export function drawChart(canvas, key, config) {
  const existing = charts.get(key);
  if (existing && existing.canvas === canvas && existing.config.type === config.type) {
    existing.data.labels = config.data.labels;
    config.data.datasets.forEach((ds, i) => {
      if (existing.data.datasets[i]) Object.assign(existing.data.datasets[i], ds);
      else existing.data.datasets.push(ds);
    });
    existing.data.datasets.length = config.data.datasets.length;
    existing.update('none');
    return existing;
  }
  existing?.destroy();
  const chart = new window.Chart(canvas, {
    ...config,
    options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
  });
  charts.set(key, chart);
  return chart;
}

export function forgetCharts() {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
}
