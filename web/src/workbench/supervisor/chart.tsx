import { BarChart, LineChart } from 'echarts/charts';
import { AxisPointerComponent, GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef, useState } from 'react';

// Only what the supervisor's charts draw: line and bar charts, their grid, legend and axis pointer, drawn as SVG
// (crisp when printed, and no canvas to size). This module is imported by the supervisor's pages alone, so ECharts
// lives in their lazy chunks and never in the applicants' pages. No ECharts tooltip: it writes its content as HTML;
// the pointed category's figures are shown by this component, as text.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, AxisPointerComponent, SVGRenderer]);

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
  // The category under the pointer (its index), whose figures the tooltip shows.
  const [pointed, setPointed] = useState<number>();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      xAxis: {
        type: 'category',
        data: [...categories],
        axisLabel: { hideOverlap: true },
        axisPointer: { show: true, type: 'shadow', triggerOn: 'mousemove', label: { show: false } },
      },
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
    chart.on('updateAxisPointer', (event) => {
      const x = (event as { axesInfo?: { axisDim: string; value: number }[] }).axesInfo?.find((a) => a.axisDim === 'x');
      setPointed(x === undefined ? undefined : Number(x.value));
    });
    chart.getZr().on('globalout', () => setPointed(undefined));
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
      <div className="chart__plot">
        <div ref={box} className="chart__canvas" aria-hidden="true" data-testid="chart" />
        {pointed !== undefined && categories[pointed] !== undefined && (
          // For the pointer only, as the drawing is; the table below has the same figures for everyone.
          <div className="chart__tooltip" aria-hidden="true">
            <strong>{categories[pointed]}</strong>
            <ul>
              {series.map((s) => (
                <li key={s.name}>
                  {s.name}: {unit === 'percent' ? percent(s.data[pointed]) : (s.data[pointed] ?? '—')}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {children}
    </figure>
  );
}
