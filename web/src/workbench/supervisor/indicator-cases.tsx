import { NotFound } from '../../components/common';

/** Placeholder while the page is being built (replaced in this round). */
export default function Placeholder() {
  return <NotFound />;
}
