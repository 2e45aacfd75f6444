import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef } from 'react';

// Only what the supervisor's charts draw: line and bar charts, their grid, legend and tooltip, drawn as SVG (crisp
// when printed, and no canvas to size). This module is imported by the supervisor's pages alone, so ECharts lives in
// their lazy chunks and never in the applicants' pages.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  readonly name: string;
  readonly type: 'line' | 'bar';
  /** One value per category; null where there is nothing to show (no cases is not a rate of 0). */
  readonly data: readonly (number | null)[];
}

export interface ChartProps {
  /** The figure's caption: what the chart shows. */
  readonly caption: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  /** 'percent' shows the y axis and tooltips as percentages of ratios (0..1). */
  readonly unit?: 'percent' | 'number';
  /** The accessible alternative: a table (or text) with the same numbers, shown under the chart. */
  readonly children: ReactNode;
}

const percent = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : '—');

/**
 * A chart with its accessible alternative. A drawing is opaque to screen readers, so it is hidden from them
 * (aria-hidden) and the same numbers follow as a table in the figure; the caption names both.
 */
export function Chart({ caption, categories, series, unit = 'number', children }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      // ECharts' default tooltip escapes names and values (test/e2e/workbench-supervisor.test.ts hovers a name with
      // markup in it); a formatter of ours would be written as HTML, so there is none.
      tooltip: {
        trigger: 'axis',
        className: 'chart__tooltip',
        ...(unit === 'percent' ? { valueFormatter: percent } : {}),
      },
      xAxis: { type: 'category', data: [...categories], axisLabel: { hideOverlap: true } },
      yAxis: {
        type: 'value',
        ...(unit === 'percent' ? { max: 1, axisLabel: { formatter: percent } } : { minInterval: 1 }),
      },
      series: series.map((s) => ({
        name: s.name,
        type: s.type,
        data: [...s.data],
        connectNulls: false,
        ...(s.type === 'line' ? { symbolSize: 6 } : {}),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, series, unit]);
  return (
    <figure className="chart">
      <figcaption className="chart__caption">{caption}</figcaption>
      <div ref={box} className="chart__canvas" aria-hidden="true" data-testid="chart" />
      {children}
    </figure>
  );
}
