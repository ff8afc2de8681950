import { PageNotice } from "@/components/page-notice";

export default function NotFound() {
  return (
    <PageNotice title="Page not found">
      <p>There is nothing at this address. Your conversations are where you left them.</p>
    </PageNotice>
  );
}
