import { route } from "@/lib/api/respond";
import { handleChatRequest } from "@/lib/chat/reply";

export const POST = route(handleChatRequest);
