// A fake engine host that answers at once but does not exit when iac-check disconnects, as a real
// host on a loaded machine can take longer to exit than closeEngine's grace period: it is killed.
process.on("message", ({ id, request }) => {
  process.send({ id, ok: true, result: { findings: [], acknowledgements: [], stacks: [], packs: [`answered ${request.kind}`], timingsMs: {} } });
});
process.on("disconnect", () => {
  setInterval(() => undefined, 60_000);
});
process.send({ ready: true });
