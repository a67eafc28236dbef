import { ChatPanel } from '../chat/ChatPanel.tsx';

/** `/chat-embed`: the chat alone, for the widget's iframe on other sites (compact, fills the frame). */
export function ChatEmbedPage() {
  return (
    <main id="main" tabIndex={-1} className="embed-page">
      <h1 className="visually-hidden">Trợ lý ảo Bình Yên — Công an TP Hà Nội</h1>
      <ChatPanel variant="embed" />
    </main>
  );
}
