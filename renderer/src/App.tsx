// The first screen: which One-Shot Desk this is, and whether the active Optimizer answers.
// The RAO's full day arrives with the UI issue; this page proves the bridge end to end.
import { useEffect, useState } from 'react';
import { bridge } from './bridge';

interface Info {
  name: string;
  version: string;
  training: boolean;
}

interface Connection {
  profileName: string;
  reachable: boolean;
  version: string | null;
  roundTripMs: number | null;
  message: string | null;
}

export function App(): React.JSX.Element {
  const [info, setInfo] = useState<Info | null>(null);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void bridge.call('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setProblem(r.error.message)));
    const check = async (): Promise<void> => {
      const profiles = await bridge.call('profiles.list', {});
      if (!profiles.ok) return setProblem(profiles.error.message);
      const active =
        profiles.value.profiles.find((p) => p.id === profiles.value.activeId) ?? profiles.value.profiles[0];
      if (!active) return setConnection(null);
      const status = await bridge.call('profiles.status', { profileId: active.id });
      if (status.ok) setConnection({ profileName: active.name, ...status.value });
    };
    void check();
    const timer = window.setInterval(() => void check(), 10_000);
    const off = bridge.subscribe((event) => {
      if (event.type === 'connectivity') void check();
    });
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, []);

  return (
    <main className="app">
      <header>
        <h1>{info?.name ?? 'One-Shot Desk'}</h1>
        {info && <p className="version">Version {info.version}</p>}
      </header>
      {info?.training && (
        <p role="status" className="training">
          Training sandbox: signatures made here have no legal value.
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
      <section aria-label="Optimizer connection" className="connection">
        <h2>Optimizer</h2>
        {connection ? (
          <p className={connection.reachable ? 'online' : 'offline'}>
            {connection.profileName}:{' '}
            {connection.reachable
              ? `reachable (version ${connection.version ?? 'unknown'}, ${connection.roundTripMs ?? '?'} ms)`
              : `not reachable — ${connection.message ?? ''}`}
          </p>
        ) : (
          <p>No Optimizer profile yet.</p>
        )}
      </section>
    </main>
  );
}
