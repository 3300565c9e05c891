// The outcomes panel: GET /fhir/$stemirac-outcomes?_format=text/csv (columns table, baseline_ais, measure, n,
// numerator, missing, value, ci_low, ci_high, sd), shown as a table and a bar chart of tables 1-2 (percent of
// patients improved, with the 95 % interval as error bars).
window.DemoOutcomes = (function () {
  const t = key => DemoI18n.t(key);
  const COLUMNS = ['table', 'baseline_ais', 'measure', 'n', 'numerator', 'missing', 'value', 'ci_low', 'ci_high', 'sd'];
  let chart = null;

  function parse(csv) {
    return Papa.parse(csv.trim(), { header: true, skipEmptyLines: true }).data;
  }

  function measureLabel(row) {
    return t('measure_' + row.measure);
  }

  function baselineLabel(row) {
    return row.baseline_ais === 'all' ? t('baseline_all') : 'AIS ' + row.baseline_ais;
  }

  function table(rows) {
    const el = document.getElementById('outcomes-table');
    const headRow = document.createElement('tr');
    COLUMNS.forEach(column => {
      const th = document.createElement('th');
      th.textContent = t('col_' + column);
      headRow.append(th);
    });
    el.tHead.replaceChildren(headRow);
    el.tBodies[0].replaceChildren(...rows.map(row => {
      const tr = document.createElement('tr');
      tr.dataset.table = row.table;
      tr.dataset.measure = row.measure;
      tr.dataset.baseline = row.baseline_ais;
      COLUMNS.forEach(column => {
        const td = document.createElement('td');
        td.dataset.column = column;
        td.textContent = column === 'measure' ? measureLabel(row) : column === 'baseline_ais' ? baselineLabel(row) : row[column];
        tr.append(td);
      });
      return tr;
    }));
    el.hidden = false;
  }

  // Error bars drawn as a custom series over the bars (ECharts has no error-bar series of its own).
  function errorBars(rows) {
    return {
      type: 'custom',
      name: '95% CI',
      data: rows.map((row, i) => [i, Number(row.ci_low), Number(row.ci_high)]),
      renderItem(params, api) {
        const low = api.coord([api.value(0), api.value(1)]);
        const high = api.coord([api.value(0), api.value(2)]);
        const half = api.size([1, 0])[0] * 0.12;
        const style = { stroke: '#222', lineWidth: 1.5 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
            { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
            { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style }
          ]
        };
      },
      z: 10
    };
  }

  function drawChart(rows) {
    const el = document.getElementById('outcomes-chart');
    const percentRows = rows.filter(row => row.table === '1' || row.table === '2');
    el.hidden = percentRows.length === 0;
    if (!percentRows.length) return;
    if (chart) chart.dispose();
    chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      title: { text: t('outcomeChart'), left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 50, right: 20, bottom: 90, top: 40 },
      tooltip: { trigger: 'item' },
      xAxis: {
        type: 'category',
        data: percentRows.map(row => measureLabel(row) + '\n' + baselineLabel(row)),
        axisLabel: { interval: 0, rotate: 30, fontSize: 10 }
      },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: [
        { type: 'bar', name: '%', data: percentRows.map(row => Number(row.value)), itemStyle: { color: '#3b7dd8' } },
        errorBars(percentRows)
      ]
    });
    el.dataset.bars = String(percentRows.length);
  }

  /** Shows the operation's CSV; exposed so that the page can be shown a CSV of its own (tests, README). */
  function show(csv) {
    const rows = parse(csv);
    document.getElementById('outcomes-message').hidden = true;
    table(rows);
    drawChart(rows);
    document.getElementById('outcomes-panel').dataset.state = 'ready';
    return rows.length;
  }

  function showMissing() {
    const message = document.getElementById('outcomes-message');
    message.textContent = t('noOutcomes');
    message.hidden = false;
    document.getElementById('outcomes-table').hidden = true;
    document.getElementById('outcomes-chart').hidden = true;
    document.getElementById('outcomes-panel').dataset.state = 'missing';
  }

  return { show, showMissing };
})();
