// ID-document images: from a file or from the webcam (preview, retake). The bytes go straight to
// core, which keeps them encrypted until the request is created and then deletes them; the page
// keeps only which sides are held.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { ID_IMAGE_FIELDS, type IdImageField } from '../../../shared/signer';
import { bridge } from '../bridge';
import { toBase64 } from '../bytes';
import { ErrorNotice } from '../components/Notice';

export function IdImages(props: {
  jobId: string;
  held: readonly IdImageField[];
  onChanged: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [error, setError] = useState<BridgeError | null>(null);
  const [camera, setCamera] = useState<IdImageField | null>(null);

  const send = async (side: IdImageField, blob: Blob | null): Promise<void> => {
    const image =
      blob === null
        ? null
        : {
            contentType: blob.type === 'image/png' ? ('image/png' as const) : ('image/jpeg' as const),
            base64: toBase64(new Uint8Array(await blob.arrayBuffer())),
          };
    const result = await bridge.call('jobs.setIdImage', { jobId: props.jobId, side, image });
    setError(result.ok ? null : result.error);
    props.onChanged();
  };

  return (
    <fieldset className="id-images">
      <legend>{t('idImages.title')}</legend>
      <p className="muted">{t('idImages.hint')}</p>
      <ErrorNotice error={error} />
      <ul className="plain-list">
        {ID_IMAGE_FIELDS.map((side) => (
          <li key={side} className="id-image-row">
            <span>{t(`idImages.sides.${side}`)}</span>
            <span className={props.held.includes(side) ? 'chip chip-good' : 'chip chip-neutral'}>
              {props.held.includes(side) ? t('idImages.held') : t('idImages.none')}
            </span>
            <label className="button-like">
              {t('idImages.fromFile')}
              <input
                type="file"
                accept="image/jpeg,image/png"
                className="visually-hidden"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void send(side, file);
                }}
              />
            </label>
            <button type="button" onClick={() => setCamera(side)}>
              {t('idImages.useCamera')}
            </button>
            {props.held.includes(side) && (
              <button type="button" onClick={() => void send(side, null)}>
                {t('idImages.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {camera && (
        <CameraCapture
          side={camera}
          onCancel={() => setCamera(null)}
          onCapture={(blob) => {
            setCamera(null);
            void send(camera, blob);
          }}
        />
      )}
    </fieldset>
  );
}

function CameraCapture(props: {
  side: IdImageField;
  onCapture: (blob: Blob) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [shot, setShot] = useState<{ blob: Blob; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // "Take picture" waits for the first frame: before it the video has no size to draw.
  const [ready, setReady] = useState(false);
  // The dialog opens inline in the job pane: it and its messages are brought into view, so "the
  // camera is not available" is read where the RAO looks, not below the window's edge.
  const dialog = useRef<HTMLDivElement>(null);
  // Braced: Chromium's scroll methods now return a promise, and an effect returning anything but a
  // cleanup function crashes React when the dialog closes.
  useEffect(() => {
    dialog.current?.scrollIntoView({ block: 'nearest' });
  }, [problem]);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let live = true;
    // The main process grants the camera only right after this explicit action.
    void bridge
      .call('camera.allow', {})
      .then(() => navigator.mediaDevices.getUserMedia({ video: true, audio: false }))
      .then((s) => {
        stream = s;
        if (!live) return s.getTracks().forEach((track) => track.stop());
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() => setProblem(t('idImages.cameraRefused')));
    return () => {
      live = false;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);
  useEffect(
    () => () => {
      if (shot) URL.revokeObjectURL(shot.url);
    },
    [shot],
  );

  const capture = (): void => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && setShot({ blob, url: URL.createObjectURL(blob) }), 'image/jpeg', 0.92);
  };

  return (
    <div
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-label={t('idImages.cameraTitle')}
      className="camera"
    >
      <h4>{t(`idImages.sides.${props.side}`)}</h4>
      {problem && <p role="alert">{problem}</p>}
      {shot && <img src={shot.url} alt={t('idImages.preview')} className="camera-view" />}
      {/* Stays mounted under the preview so "Retake" finds the stream still attached. */}
      <video
        ref={video}
        className="camera-view"
        hidden={shot !== null || problem !== null}
        muted
        playsInline
        aria-label={t('idImages.live')}
        onLoadedData={() => setReady(true)}
      />
      <div className="actions">
        {shot ? (
          <>
            <button type="button" className="primary" onClick={() => props.onCapture(shot.blob)}>
              {t('idImages.keep')}
            </button>
            <button type="button" onClick={() => setShot(null)}>
              {t('idImages.retake')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={capture} disabled={problem !== null || !ready}>
            {t('idImages.take')}
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
