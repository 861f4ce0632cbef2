// Long lists (a preview of a big panel can change thousands of rows) render only what is in view.
// Short lists render plainly, so small files look and behave exactly as before.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import './VirtualList.css';

/** Above this many items a list is virtualised. */
export const VIRTUALIZE_ABOVE = 200;

interface VirtualListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  render: (item: T) => ReactNode;
  /** A first guess of an item's height in pixels; real heights are measured as items render. */
  estimateSize: number;
  label: string;
  testId?: string;
}

export function VirtualList<T>({ items, itemKey, render, estimateSize, label, testId }: VirtualListProps<T>) {
  if (items.length <= VIRTUALIZE_ABOVE) {
    return (
      <div className="stack-tight" data-testid={testId}>
        {items.map((item) => (
          <div key={itemKey(item)}>{render(item)}</div>
        ))}
      </div>
    );
  }
  return (
    <Windowed
      items={items}
      itemKey={itemKey}
      render={render}
      estimateSize={estimateSize}
      label={label}
      testId={testId}
    />
  );
}

function Windowed<T>({ items, itemKey, render, estimateSize, label, testId }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan: 6,
    getItemKey: (index) => itemKey(items[index] as T),
  });
  return (
    <div
      ref={scroller}
      className="virtual-scroller"
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      data-virtualized="true"
      data-total={items.length}
    >
      <div className="virtual-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="virtual-row"
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {render(items[row.index] as T)}
          </div>
        ))}
      </div>
    </div>
  );
}
