/** In-page navigation: a link click that switches the route in the store instead of reloading. */
import { appStore } from '../store/store';

export function navigate(event: React.MouseEvent, id: string): void {
  event.preventDefault();
  appStore.getState().setChapter(id);
  window.scrollTo(0, 0);
}
