// The carbonTRACK widgets in a React app: the components come from @carbontrack/react, their props
// are typed from the widgets, and their events are onCt* props. The proxy serves /ct (see the
// proxy's README); the device comes from ?device=… here, from your own data in a portal.
import { CtDeviceCard, CtProvider, CtUsageChart } from '@carbontrack/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const deviceId = new URLSearchParams(location.search).get('device') ?? '';
  const [ready, setReady] = useState<string[]>([]);
  const onReady = (event: Event) => setReady((tags) => [...tags, (event.target as Element).localName]);
  return (
    <CtProvider baseUrl="/ct" timeZone="Australia/Sydney">
      <CtDeviceCard deviceId={deviceId} refreshInterval={0} onCtReady={onReady} />
      <CtUsageChart deviceId={deviceId} range="24h" refreshInterval={0} onCtReady={onReady} />
      <p id="ready">{ready.length > 0 ? `Ready: ${[...ready].sort().join(', ')}` : 'Loading…'}</p>
    </CtProvider>
  );
}

// The props are checked: a number where the widget takes a string does not compile.
// @ts-expect-error deviceId is a string
export const wrong = <CtDeviceCard deviceId={1234} />;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
