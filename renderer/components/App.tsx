import { useEffect, type CSSProperties } from 'react';
import { nextStep } from '../state/actions.js';
import { LIMITS, resized } from '../state/layout.js';
import { updateLayout, useStore, type BottomTab, type CenterTab } from '../state/store.js';
import { AuthMethodCard } from './AuthMethodCard.js';
import { Banners } from './Banners.js';
import { ClientsPanel } from './ClientsPanel.js';
import { CompatibilityPanel } from './CompatibilityPanel.js';
import { ProbePanel } from './ProbePanel.js';
import { DetailPane } from './DetailPane.js';
import { DiagnosticsPanel } from './DiagnosticsPanel.js';
import { ExchangeTable } from './ExchangeTable.js';
import { SequenceDiagram } from './SequenceDiagram.js';
import { SessionsPanel } from './SessionsPanel.js';
import { Splitter } from './Splitter.js';
import { StatusBar } from './StatusBar.js';
import { StepList } from './StepList.js';
import { Toolbar } from './Toolbar.js';

function Tabs<T extends string>({ tabs, value, onChange, label }: { tabs: Array<{ id: T; label: string }>; value: T; onChange: (id: T) => void; label: string }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button key={t.id} type="button" role="tab" aria-selected={value === t.id} className={value === t.id ? 'active' : ''} onClick={() => onChange(t.id)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const centerTab = useStore((s) => s.centerTab);
  const bottomTab = useStore((s) => s.bottomTab);
  const diagnostics = useStore((s) => s.view?.diagnostics);
  const clients = useStore((s) => s.clients);
  const errors = diagnostics?.filter((d) => d.severity === 'error').length ?? 0;
  const layout = useStore((s) => s.layout);
  const sizes = { '--steps-w': `${layout.stepsWidth}px`, '--detail-w': `${layout.detailWidth}px`, '--bottom-h': `${layout.bottomHeight}px` } as CSSProperties;
  const folded = layout.bottomCollapsed;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Not while an input method is composing: that Enter confirms the composition.
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        if (!useStore.getState().busy && useStore.getState().view?.next !== null) void nextStep();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app" style={sizes}>
      <Toolbar />
      <Banners />
      <AuthMethodCard />
      <main className="workspace">
        <StepList />
        <Splitter label="Resize the steps list" orientation="vertical" value={layout.stepsWidth} {...LIMITS.stepsWidth} sign={1} onChange={(v) => updateLayout(resized(layout, 'stepsWidth', v))} />
        <section className="center pane" aria-label="Requests">
          <Tabs<CenterTab>
            label="View"
            value={centerTab}
            onChange={(id) => useStore.setState({ centerTab: id })}
            tabs={[
              { id: 'network', label: 'Network' },
              { id: 'sequence', label: 'Sequence' },
            ]}
          />
          {centerTab === 'network' ? <ExchangeTable /> : <SequenceDiagram />}
        </section>
        <Splitter label="Resize the request details" orientation="vertical" value={layout.detailWidth} {...LIMITS.detailWidth} sign={-1} onChange={(v) => updateLayout(resized(layout, 'detailWidth', v))} />
        <DetailPane />
      </main>
      {!folded && <Splitter label="Resize the bottom panel" orientation="horizontal" value={layout.bottomHeight} {...LIMITS.bottomHeight} sign={-1} onChange={(v) => updateLayout(resized(layout, 'bottomHeight', v))} />}
      <section className={`bottom pane${folded ? ' folded' : ''}`} aria-label="Findings">
        <div className="bottom-head">
        <Tabs<BottomTab>
          label="Panels"
          value={bottomTab}
          onChange={(id) => {
            useStore.setState({ bottomTab: id });
            if (folded) updateLayout({ bottomCollapsed: false });
          }}
          tabs={[
            { id: 'diagnostics', label: `Diagnostics${diagnostics?.length ? ` (${diagnostics.length}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''})` : ''}` },
            { id: 'clients', label: `Stored clients${clients.length ? ` (${clients.length})` : ''}` },
            { id: 'sessions', label: 'Saved sessions' },
            { id: 'compatibility', label: 'Compatibility' },
            { id: 'probe', label: 'Probe' },
          ]}
        />
          <button type="button" className="fold" aria-expanded={!folded} aria-controls="bottom-body" onClick={() => updateLayout({ bottomCollapsed: !folded })} title={folded ? 'Show the panel' : 'Fold the panel away'}>
            {folded ? 'Show panel' : 'Hide panel'}
          </button>
        </div>
        {!folded && (
          <div className="bottom-body" id="bottom-body">
            {bottomTab === 'diagnostics' ? <DiagnosticsPanel /> : bottomTab === 'clients' ? <ClientsPanel /> : bottomTab === 'sessions' ? <SessionsPanel /> : bottomTab === 'compatibility' ? <CompatibilityPanel /> : <ProbePanel />}
          </div>
        )}
      </section>
      <StatusBar />
    </div>
  );
}
