/**
 * `npm run alarm:sim -- --accounts 20 --rate 50 --mix heartbeat=70,fire=5,trouble=15,restore=10 --transport tcp
 *   --encrypted 50% --duration 60 --host 127.0.0.1 --port 12128 --register http://127.0.0.1:8080 --user admin --password ...`
 *
 * A dialler for demos and load tests: registers N demo accounts (DEMO premises at real ward representative points)
 * through the HTTP API, then sends the mix at the rate and prints progress and a summary. Without --register the
 * accounts must exist already (encrypted ones use keys derived from --key-seed, as a registration would have set).
 * Fire messages create real incidents (marked DEMO) in the command center.
 */
import { registerSimAccounts } from '../src/alarms/sim/sim-register.ts';
import { parseSimArgs, SimUsageError, USAGE } from '../src/alarms/sim/sim-options.ts';
import { runSimulation } from '../src/alarms/sim/simulator.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return 0;
  }
  let o;
  try {
    o = parseSimArgs(argv, process.env);
  } catch (e) {
    if (e instanceof SimUsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const encryptedN = Math.round(o.accounts * o.encrypted);
  out(`Mô phỏng thiết bị báo cháy (DEMO) / alarm simulator: ${o.accounts} tài khoản (${encryptedN} mã hóa), ${o.rate}/s, ${o.durationS} s, ${o.transport.toUpperCase()} → ${o.host}:${o.port}`);
  out(`mix: ${Object.entries(o.mix).map(([k, v]) => `${k}=${v}`).join(', ')}; format ${o.format}`);
  if (o.register) {
    const r = await registerSimAccounts(o, out);
    if (r.failed.length) {
      for (const f of r.failed.slice(0, 10)) out(`  ${f.account}: HTTP ${f.status}${f.code ? ` ${f.code}` : ''}`);
      if (r.failed.length === o.accounts) return 1;
    }
  }
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  const s = await runSimulation(o, {
    signal: ac.signal,
    onProgress: (t, st) => {
      const lat = [...st.latenciesMs].sort((a, b) => a - b);
      const p50 = lat.length ? lat[Math.floor(lat.length / 2)]!.toFixed(1) : '-';
      out(`t=${t.toFixed(0)}s sent=${st.sent} ack=${st.ack} nak=${st.nak} duh=${st.duh} none=${st.none} err=${st.errors} busy=${st.notSent} p50=${p50}ms`);
    },
  });
  out('');
  out('Tổng kết / summary');
  out(`  thời gian / duration     ${s.durationS} s (${s.achievedRate}/s)`);
  out(`  đã gửi / sent            ${s.sent}  (heartbeat ${s.byKind.heartbeat}, fire ${s.byKind.fire}, trouble ${s.byKind.trouble}, restore ${s.byKind.restore})`);
  out(`  ACK                      ${s.ack}`);
  out(`  NAK                      ${s.nak}`);
  out(`  DUH                      ${s.duh}`);
  out(`  không trả lời / no answer ${s.none}`);
  out(`  lỗi kết nối / errors     ${s.errors}`);
  out(`  không gửi được (bận) / not sent, all accounts busy ${s.notSent}`);
  out(`  độ trễ / latency         p50 ${s.latencyMs.p50 ?? '-'} ms, p99 ${s.latencyMs.p99 ?? '-'} ms, max ${s.latencyMs.max ?? '-'} ms`);
  return s.sent > 0 && s.ack === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
