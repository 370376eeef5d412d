export function Motions() {
  return <h1>Mociones</h1>;
}
