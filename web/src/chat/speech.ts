import { useCallback, useEffect, useRef, useState } from 'react';

// Voice input (Web Speech API recognition, Vietnamese) and reading answers aloud (speechSynthesis), each only
// where the browser offers it: the buttons are hidden otherwise. Recognition in Chrome sends the audio to the
// browser vendor's service; the button's title says so.

interface RecognitionResult {
  isFinal: boolean;
  0: { transcript: string };
}
interface RecognitionEvent {
  resultIndex: number;
  results: ArrayLike<RecognitionResult>;
}
interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  onresult: ((e: RecognitionEvent) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
type RecognitionCtor = new () => Recognition;

function recognitionCtor(): RecognitionCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

const RECOGNITION_ERRORS: Record<string, string> = {
  'not-allowed': 'Trình duyệt chưa cho phép dùng micrô. Anh/chị có thể cho phép trong phần cài đặt của trang, hoặc nhập bằng bàn phím.',
  'service-not-allowed': 'Trình duyệt không cho phép nhận dạng giọng nói trên trang này. Vui lòng nhập bằng bàn phím.',
  'no-speech': 'Không nghe thấy giọng nói. Anh/chị bấm micrô và nói lại nhé.',
  'audio-capture': 'Không tìm thấy micrô trên thiết bị.',
  network: 'Không kết nối được dịch vụ nhận dạng giọng nói. Vui lòng nhập bằng bàn phím.',
};

/** Dictation into the message box: `onText(text)` receives the running transcript (interim, then final). */
export function useSpeechInput(onText: (text: string) => void) {
  const [supported] = useState(() => recognitionCtor() !== null);
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rec = useRef<Recognition | null>(null);
  const cb = useRef(onText);
  cb.current = onText;

  useEffect(() => () => rec.current?.abort(), []);

  const stop = useCallback(() => rec.current?.stop(), []);
  const start = useCallback(() => {
    const Ctor = recognitionCtor();
    if (!Ctor) return;
    setError(null);
    const r = new Ctor();
    r.lang = 'vi-VN';
    r.interimResults = true;
    r.continuous = false;
    r.maxAlternatives = 1;
    r.onresult = (e) => {
      let text = '';
      for (let i = 0; i < e.results.length; i++) text += e.results[i]![0].transcript;
      cb.current(text.trim());
    };
    r.onerror = (e) => {
      if (e.error !== 'aborted') setError(RECOGNITION_ERRORS[e.error] ?? 'Không nhận dạng được giọng nói. Vui lòng nhập bằng bàn phím.');
    };
    r.onend = () => {
      setListening(false);
      rec.current = null;
    };
    rec.current = r;
    try {
      r.start();
      setListening(true);
    } catch {
      setError('Không bật được micrô. Vui lòng nhập bằng bàn phím.');
    }
  }, []);

  return { supported, listening, error, start, stop };
}

function pickVoice(): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => v.lang === 'vi-VN') ?? voices.find((v) => v.lang.toLowerCase().startsWith('vi')) ?? null;
}

/** "Đọc to": reads one message at a time with a Vietnamese voice when the device has one. */
export function useReadAloud() {
  const [supported] = useState(() => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined');
  const [speaking, setSpeaking] = useState<string | null>(null);
  const [hasVietnamese, setHasVietnamese] = useState(false);

  useEffect(() => {
    if (!supported) return;
    const update = () => setHasVietnamese(pickVoice() !== null);
    update();
    window.speechSynthesis.addEventListener('voiceschanged', update);
    return () => {
      window.speechSynthesis.removeEventListener('voiceschanged', update);
      window.speechSynthesis.cancel();
    };
  }, [supported]);

  const stop = useCallback(() => {
    if (!supported) return;
    window.speechSynthesis.cancel();
    setSpeaking(null);
  }, [supported]);

  const speak = useCallback(
    (key: string, text: string) => {
      if (!supported) return;
      window.speechSynthesis.cancel();
      // Bullets and symbols read badly; the text is otherwise read as shown.
      const u = new SpeechSynthesisUtterance(text.replace(/[•«»]/g, ' ').replace(/\s+\n/g, '\n'));
      u.lang = 'vi-VN';
      const voice = pickVoice();
      if (voice) u.voice = voice;
      u.rate = 1;
      u.onend = () => setSpeaking((s) => (s === key ? null : s));
      u.onerror = () => setSpeaking((s) => (s === key ? null : s));
      setSpeaking(key);
      window.speechSynthesis.speak(u);
    },
    [supported],
  );

  return { supported, speaking, hasVietnamese, speak, stop };
}
