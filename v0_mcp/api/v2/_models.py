"""Pydantic models of every v0 Platform API v2 request and response.

Generated from ``spec/v2/openapi.json`` by ``scripts/generate_models.py``; do not
edit by hand. Request models (``Request`` subclasses) are strict, response
models (``Response`` subclasses) tolerant; the generator's docstring says why.
Validators are built on first use (``defer_build``): most runs use few models,
and building all of them would slow every start.
"""

# ruff: noqa: E501
# No `from __future__ import annotations`: classes come after what they use, and
# real annotations spare pydantic from evaluating ~1,000 strings at import.
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field


class Request(BaseModel):
    """A request body or query string: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    # v2 fields the spec marks required but gives a default: sent even when the caller leaves them out.
    _sent_defaults: ClassVar[frozenset[str]] = frozenset()

    def model_post_init(self, context: Any, /) -> None:
        self.__pydantic_fields_set__.update(self._sent_defaults)


class Response(BaseModel):
    """A response body: extra fields are kept, missing ones tolerated."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)



class Error(Response):
    message: str | None = None


class Chat(Response):
    id: str
    title: str | None = None
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    authorId: str | None = None
    vercelProjectId: str | None = None
    metadata: dict[str, str] | None = None
    writePermission: bool | None = None


class ChatWithUsageChat(Response):
    id: str
    title: str | None = None
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    authorId: str | None = None
    vercelProjectId: str | None = None
    metadata: dict[str, str] | None = None
    writePermission: bool | None = None


class ChatWithUsageUsageTokens(Response):
    """Token counts for this message."""

    input: float | None = None
    output: float | None = None
    cacheRead: float | None = None
    cacheWrite: float | None = None
    total: float | None = None


class ChatWithUsageUsageCreditsCost(Response):
    """Credit cost for this message."""

    input: float | None = None
    output: float | None = None
    cacheRead: float | None = None
    cacheWrite: float | None = None
    total: float | None = None


class ChatWithUsageUsage(Response):
    """Token usage and credit cost for prompt."""

    tokens: ChatWithUsageUsageTokens | None = None
    creditsCost: ChatWithUsageUsageCreditsCost | None = None


class ChatWithUsage(Response):
    """A chat response that also reports the usage."""

    chat: ChatWithUsageChat | None = None
    usage: ChatWithUsageUsage | None = None


class AsyncChat(Response):
    chatId: str | None = None
    messageId: str | None = None


class ChatStreamEventChat(Response):
    """Initial and final chat-state event. Emitted once at stream open with the freshly-created chat, and once at stream close with the chat including the completed assistant message."""

    id: str
    title: str | None = None
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    authorId: str | None = None
    vercelProjectId: str | None = None
    metadata: dict[str, str] | None = None
    writePermission: bool | None = None
    object: Literal["chat"] | None = None


class ChatStreamEventChatTitle(Response):
    """Emitted when the chat title is (re)generated."""

    id: str
    object: Literal["chat.title"] | None = None
    delta: str | None = None


class ChatStreamEventMessagePartsChunk(Response):
    """Incremental update to the assistant message content."""

    id: str
    object: Literal["message.parts.chunk"] | None = None
    delta: Any | None = None


class ChatStreamEventMessageUsageUsage(Response):
    """Token usage and credit cost. All values are zero on user messages and on assistant messages that have not generated tokens."""

    tokens: ChatWithUsageUsageTokens | None = None
    creditsCost: ChatWithUsageUsageCreditsCost | None = None


class ChatStreamEventMessageUsage(Response):
    """Final token usage and credit cost for the assistant message produced by this stream. Emitted once after the message finishes generating, before the closing state event."""

    id: str
    object: Literal["message.usage"] | None = None
    usage: ChatStreamEventMessageUsageUsage | None = None


class ChatStreamEventError(Response):
    """Emitted when a stream error occurs after the SSE response begins."""

    id: str
    object: Literal["error"] | None = None
    message: str | None = None
    code: str | None = None


class MessagePartsItemText(Response):
    """A block of text output by the agent."""

    type: Literal["text"] | None = None
    text: str | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemThinking(Response):
    """Extended thinking output by the agent."""

    type: Literal["thinking"] | None = None
    text: str | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemFileRead(Response):
    """Files read by the agent."""

    type: Literal["file-read"] | None = None
    paths: list[str] | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemFileEdit(Response):
    """The agent created, modified, deleted, renamed, or patched a file."""

    type: Literal["file-edit"] | None = None
    operation: Literal["create", "update", "delete", "rename", "patch"] | None = None
    path: str | None = None
    toPath: str | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemSearch(Response):
    """The agent searched for something."""

    type: Literal["search"] | None = None
    scope: Literal["repo", "web"] | None = None
    query: str | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemBash(Response):
    """The agent ran a shell command."""

    type: Literal["bash"] | None = None
    command: str | None = None
    output: str | None = None
    exitCode: int | None = None
    isDangerous: bool | None = None
    timeoutMs: int | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemToolCallSuggestedPermissionsItem(Response):
    """A permission the agent is waiting for you to grant. Pass these objects back unchanged as the `permissions` of a `confirmed-permissions` task."""

    type: Literal["ALLOW_DYNAMIC_TOOL_STRICT"] | None = None
    toolName: str | None = None
    input: Any | None = None
    taskNameActive: str | None = None
    taskNameComplete: str | None = None
    userMessage: str | None = None


class MessagePartsItemToolCall(Response):
    """The agent invoked a tool (MCP, integration, or other dynamic tool). For shell commands, use the "bash" part instead."""

    type: Literal["tool-call"] | None = None
    name: str | None = None
    input: Any | None = None
    output: Any | None = None
    status: Literal["ok", "error"] | None = None
    suggestedPermissions: list[MessagePartsItemToolCallSuggestedPermissionsItem] | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessagePartsItemAgentActionData0QuestionsItemOptionsItem(Response):
    id: str
    label: str | None = None
    description: str | None = None


class MessagePartsItemAgentActionData0QuestionsItem(Response):
    id: str
    question: str | None = None
    header: str | None = None
    multiSelect: bool | None = None
    options: list[MessagePartsItemAgentActionData0QuestionsItemOptionsItem] | None = None


class MessagePartsItemAgentActionData0(Response):
    """Structured payload for an `ask_user_questions` agent action."""

    questions: list[MessagePartsItemAgentActionData0QuestionsItem] | None = None


class MessagePartsItemAgentActionData1(Response):
    """Structured payload for an `exit_plan_mode` agent action."""

    plan: str | None = None
    summary: str | None = None
    path: str | None = None


class MessagePartsItemAgentActionData2(Response):
    """Structured payload for a `get_or_request_integration` agent action."""

    requestedIntegrations: list[str] | None = None
    requestedMcpPresets: list[str] | None = None


class MessagePartsItemAgentActionData3SetupRequiredCreatedProject(Response):
    """Vercel project auto-created for this chat during setup, when applicable."""

    id: str
    name: str | None = None


class MessagePartsItemAgentActionData3SetupRequired(Response):
    """Connector setup is pending. Complete setup at `setupUrl`, poll GET /chats/{chatId}/connect/status until `ready`, then resolve with a `vercel-connect-setup` task."""

    status: Literal["setup-required"] | None = None
    requestId: str | None = None
    service: str | None = None
    serviceIconUrl: str | None = None
    connectorName: str | None = None
    setupUrl: str | None = None
    environments: list[Literal["production", "preview", "development"]] | None = None
    triggerPath: str | None = None
    createdProject: MessagePartsItemAgentActionData3SetupRequiredCreatedProject | None = None


class MessagePartsItemAgentActionData3CompletedConnectorsItem(Response):
    id: str
    name: str | None = None
    service: str | None = None
    attachedToProject: bool | None = None


class MessagePartsItemAgentActionData3CompletedCreatedProject(Response):
    """Vercel project created during the action, when applicable."""

    id: str
    name: str | None = None


class MessagePartsItemAgentActionData3Completed(Response):
    """The Connect action finished; no user input is needed."""

    status: Literal["completed"] | None = None
    action: Literal["list", "create", "attach"] | None = None
    summary: str | None = None
    connectors: list[MessagePartsItemAgentActionData3CompletedConnectorsItem] | None = None
    createdProject: MessagePartsItemAgentActionData3CompletedCreatedProject | None = None


class MessagePartsItemAgentAction(Response):
    """A typed escape hatch for agent actions that don’t fit the other part types. Forward-compatible: new action types may appear without API version changes."""

    type: Literal["agent-action"] | None = None
    name: str | None = None
    summary: str | None = None
    data: MessagePartsItemAgentActionData0 | MessagePartsItemAgentActionData1 | MessagePartsItemAgentActionData2 | MessagePartsItemAgentActionData3SetupRequired | MessagePartsItemAgentActionData3Completed | dict[str, Any] | dict[str, Any] | None = None
    startedAt: str | None = None
    finishedAt: str | None = None


class MessageAttachmentsItem(Response):
    url: str | None = None
    name: str | None = None
    contentType: str | None = None
    size: int | None = None


class MessageUsage(Response):
    """Token usage and credit cost. All values are zero on user messages and on assistant messages that have not yet generated tokens."""

    tokens: ChatWithUsageUsageTokens | None = None
    creditsCost: ChatWithUsageUsageCreditsCost | None = None


class Message(Response):
    """A single message in a chat."""

    id: str
    chatId: str | None = None
    role: Literal["user", "assistant"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    content: str | None = None
    parts: list[MessagePartsItemText | MessagePartsItemThinking | MessagePartsItemFileRead | MessagePartsItemFileEdit | MessagePartsItemSearch | MessagePartsItemBash | MessagePartsItemToolCall | MessagePartsItemAgentAction | dict[str, Any]] | None = None
    finishReason: Literal["stop", "length", "content-filter", "tool-calls", "error", "other"] | None = None
    restorable: bool | None = None
    attachments: list[MessageAttachmentsItem] | None = None
    authorId: str | None = None
    usage: MessageUsage | None = None


class MessageListResponseMessagesItem(Response):
    """A single message in a chat."""

    id: str
    chatId: str | None = None
    role: Literal["user", "assistant"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    content: str | None = None
    parts: list[MessagePartsItemText | MessagePartsItemThinking | MessagePartsItemFileRead | MessagePartsItemFileEdit | MessagePartsItemSearch | MessagePartsItemBash | MessagePartsItemToolCall | MessagePartsItemAgentAction | dict[str, Any]] | None = None
    finishReason: Literal["stop", "length", "content-filter", "tool-calls", "error", "other"] | None = None
    restorable: bool | None = None
    attachments: list[MessageAttachmentsItem] | None = None
    authorId: str | None = None
    usage: MessageUsage | None = None


class MessageListResponse(Response):
    messages: list[MessageListResponseMessagesItem] | None = None
    cursor: str | None = None


class AsyncMessage(Response):
    """Acknowledgement that an async message has been queued."""

    messageId: str | None = None


class MessageStreamEventMessage(Response):
    """Initial and final message-state event. Emitted once at stream open with the freshly-created assistant message (empty parts, null finishReason), and once at stream close with the completed message."""

    id: str
    chatId: str | None = None
    role: Literal["user", "assistant"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    content: str | None = None
    parts: list[MessagePartsItemText | MessagePartsItemThinking | MessagePartsItemFileRead | MessagePartsItemFileEdit | MessagePartsItemSearch | MessagePartsItemBash | MessagePartsItemToolCall | MessagePartsItemAgentAction | dict[str, Any]] | None = None
    finishReason: Literal["stop", "length", "content-filter", "tool-calls", "error", "other"] | None = None
    restorable: bool | None = None
    attachments: list[MessageAttachmentsItem] | None = None
    authorId: str | None = None
    usage: MessageUsage | None = None
    object: Literal["message"] | None = None


class FilesFilesItem(Response):
    """A single source file in the chat."""

    path: str | None = None
    content: str | None = None
    encoding: Literal["utf8", "base64"] | None = None


class Files(Response):
    """The source files of a chat."""

    files: list[FilesFilesItem] | None = None


class McpServerAuthNone(Response):
    type: Literal["none"] | None = None


class McpServerAuthBearer(Response):
    type: Literal["bearer"] | None = None
    token: str | None = None


class McpServerAuthCustomHeaders(Response):
    type: Literal["custom-headers"] | None = None
    headers: dict[str, str] | None = None


class McpServerAuthOauthConfig(Response):
    """OAuth configuration discovered or manually set."""

    authorizationUrl: str | None = None
    tokenUrl: str | None = None
    registrationUrl: str | None = None
    clientId: str | None = None
    clientSecret: str | None = None
    scopes: list[str] | None = None
    usePKCE: bool | None = None
    issuer: str | None = None
    resource: str | None = None
    clientIdMetadataDocumentSupported: bool | None = None


class McpServerAuthOauth(Response):
    type: Literal["oauth"] | None = None
    config: McpServerAuthOauthConfig | None = None
    connected: bool | None = None
    expiresAt: str | None = None


class McpServer(Response):
    id: str
    name: str | None = None
    url: str | None = None
    description: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    userId: str | None = None
    enabled: bool | None = None
    auth: McpServerAuthNone | McpServerAuthBearer | McpServerAuthCustomHeaders | McpServerAuthOauth | dict[str, Any] | None = None
    scope: Literal["user", "team"] | None = None


class ApiKey(Response):
    id: str
    name: str | None = None
    ownerId: str | None = None
    partialKey: str | None = None
    lastUsed: str | None = None


class ApiKeyWithSecret(Response):
    id: str
    name: str | None = None
    ownerId: str | None = None
    apiKey: str | None = None


class SpendLimit(Response):
    entityId: str | None = None
    limit: int | None = None
    source: Literal["team", "organization"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class TrustedPreviewHosts(Response):
    hosts: list[str] | None = None


class UsageActivityRange(Response):
    """Time range covered by the response."""

    start: str | None = None
    end: str | None = None


class UsageActivityScope(Response):
    """Authorized billing scope used for this response."""

    id: str
    type: Literal["team", "personal"] | None = None
    isTeamWide: bool | None = None
    userId: str | None = None


class UsageActivitySummary(Response):
    activeUsers: int | None = None
    activeDays: int | None = None
    chatCount: int | None = None
    messageCount: int | None = None


class UsageActivityProjectsItem(Response):
    kind: Literal["project", "drafts", "unavailable"] | None = None
    vercelProjectId: str | None = None
    name: str | None = None
    chatCount: int | None = None
    messageCount: int | None = None
    activeDays: int | None = None
    firstActivity: str | None = None
    lastActivity: str | None = None


class UsageActivityChatsItem(Response):
    kind: Literal["chat", "unavailable"] | None = None
    chatId: str | None = None
    title: str | None = None
    vercelProjectId: str | None = None
    projectName: str | None = None
    messageCount: int | None = None
    activeDays: int | None = None
    firstActivity: str | None = None
    lastActivity: str | None = None


class UsageActivity(Response):
    object: Literal["usage_activity"] | None = None
    range: UsageActivityRange | None = None
    scope: UsageActivityScope | None = None
    summary: UsageActivitySummary | None = None
    projects: list[UsageActivityProjectsItem] | None = None
    chats: list[UsageActivityChatsItem] | None = None


class UsageSummaryCredits(Response):
    """Credits consumed during the selected range."""

    plan: float | None = None
    onDemand: float | None = None
    total: float | None = None


class UsageSummaryDailyItem(Response):
    date: str | None = None
    credits: UsageSummaryCredits | None = None


class UsageSummary(Response):
    object: Literal["usage_summary"] | None = None
    range: UsageActivityRange | None = None
    scope: UsageActivityScope | None = None
    credits: UsageSummaryCredits | None = None
    daily: list[UsageSummaryDailyItem] | None = None
    dataAsOf: str | None = None


class UsageEventListDataItemTokens0(Response):
    input: float | None = None
    output: float | None = None
    cacheRead: float | None = None
    cacheWrite: float | None = None
    total: float | None = None


class UsageEventListDataItemCreditsCost(Response):
    input: float | None = None
    output: float | None = None
    cacheRead: float | None = None
    cacheWrite: float | None = None
    total: float | None = None
    charged: float | None = None


class UsageEventListDataItem(Response):
    id: str
    object: Literal["usage_event"] | None = None
    type: str | None = None
    createdAt: str | None = None
    userId: str | None = None
    chatId: str | None = None
    messageId: str | None = None
    model: str | None = None
    sources: list[Literal["plan", "on-demand"]] | None = None
    waived: bool | None = None
    tokens: UsageEventListDataItemTokens0 | None | dict[str, Any] | None = None
    creditsCost: UsageEventListDataItemCreditsCost | None = None


class UsageEventListPagination(Response):
    """Pagination state for this response."""

    hasMore: bool | None = None
    cursor: str | None = None


class UsageEventList(Response):
    object: Literal["list"] | None = None
    range: UsageActivityRange | None = None
    scope: UsageActivityScope | None = None
    data: list[UsageEventListDataItem] | None = None
    pagination: UsageEventListPagination | None = None


class Webhook(Response):
    id: str
    createdAt: str | None = None
    name: str | None = None
    events: list[Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"]] | None = None
    url: str | None = None
    chatId: str | None = None


class ChatsCreateBodyModelConfiguration(Request):
    modelId: Literal["v0-mini", "v0-pro", "v0-max", "v0-max-fast"] = "v0-pro"
    imageGenerations: bool = False

    _sent_defaults: ClassVar[frozenset[str]] = frozenset({"imageGenerations", "modelId"})


class ChatsCreateBodyAttachmentsItem(Request):
    url: str


class ChatsCreateBodySkillsItemRemote(Request):
    type: Literal["remote"]
    id: str


class ChatsCreateBodySkillsItemMemory(Request):
    type: Literal["memory"]
    scope: Literal["user", "team"]
    skillName: str


class ChatsCreateBodySkillsItemProject(Request):
    type: Literal["project"]
    skillName: str


class ChatsCreateBody(Request):
    message: Annotated[str, Field(min_length=1)]
    systemPrompt: Annotated[str, Field(None)]
    modelConfiguration: Annotated[ChatsCreateBodyModelConfiguration, Field(None)]
    attachments: Annotated[list[ChatsCreateBodyAttachmentsItem], Field(None)]
    mcpServerIds: Annotated[list[str], Field(None)]
    skills: Annotated[list[Annotated[ChatsCreateBodySkillsItemRemote | ChatsCreateBodySkillsItemMemory | ChatsCreateBodySkillsItemProject, Field(discriminator="type")]], Field(None, max_length=3)]
    privacy: Annotated[Literal["public", "private", "team", "team-edit", "unlisted"], Field(None)]
    title: Annotated[str, Field(None)]
    metadata: Annotated[dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]], Field(None)]


class ChatsListQuery(Request):
    limit: int = Field(20, ge=1, le=100)
    cursor: Annotated[str, Field(None)]
    authorId: Annotated[str, Field(None)]
    vercelProjectId: Annotated[str, Field(None)]
    metadata: Annotated[dict[str, Annotated[str, Field(max_length=500)]], Field(None)]


class ChatsListResponse(Response):
    chats: list[ChatWithUsageChat] | None = None
    cursor: str | None = None


class ChatsCreateFromFilesBodyFilesItem(Request):
    name: Annotated[str, Field(min_length=1)]
    content: str


class ChatsCreateFromFilesBody(Request):
    files: Annotated[list[ChatsCreateFromFilesBodyFilesItem], Field(min_length=1, max_length=20)]
    privacy: Annotated[Literal["public", "private", "team", "team-edit", "unlisted"], Field(None)]
    title: Annotated[str, Field(None)]
    metadata: Annotated[dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]], Field(None)]


class ChatsCreateFromZipBody(Request):
    url: str
    privacy: Annotated[Literal["public", "private", "team", "team-edit", "unlisted"], Field(None)]
    title: Annotated[str, Field(None)]
    metadata: Annotated[dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]], Field(None)]


class ChatsCreateFromRepoBodyRepo(Request):
    url: Annotated[str, Field(min_length=1)]
    branch: Annotated[str, Field(None, max_length=250)]


class ChatsCreateFromRepoBody(Request):
    repo: ChatsCreateFromRepoBodyRepo
    privacy: Annotated[Literal["public", "private", "team", "team-edit", "unlisted"], Field(None)]
    title: Annotated[str, Field(None)]
    metadata: Annotated[dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]], Field(None)]


class MessagesListQuery(Request):
    limit: int = Field(20, ge=1, le=100)
    cursor: Annotated[str, Field(None)]

    _sent_defaults: ClassVar[frozenset[str]] = frozenset({"limit"})


class MessagesSendBody(Request):
    message: Annotated[str, Field(min_length=1)]
    systemPrompt: Annotated[str, Field(None)]
    modelConfiguration: Annotated[ChatsCreateBodyModelConfiguration, Field(None)]
    mcpServerIds: Annotated[list[str], Field(None)]
    attachments: Annotated[list[ChatsCreateBodyAttachmentsItem], Field(None)]
    skills: Annotated[list[Annotated[ChatsCreateBodySkillsItemRemote | ChatsCreateBodySkillsItemMemory | ChatsCreateBodySkillsItemProject, Field(discriminator="type")]], Field(None, max_length=3)]


class MessagesResolveBodyTaskConfirmedSteps(Request):
    type: Literal["confirmed-steps"]
    connectedIntegrationNames: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=100)
    connectedMcpPresetNames: list[Literal["Linear", "Notion", "Context7", "Sentry", "Zapier", "Glean", "Hex", "Sanity", "Granola", "PostHog", "Contentful", "Slack"]] = Field(default_factory=list)
    appliedScripts: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    addedEnvVars: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)


class MessagesResolveBodyTaskPlanExitResponse(Request):
    type: Literal["plan-exit-response"]
    status: Literal["approved", "rejected", "request-changes"]
    content: Annotated[str, Field(min_length=1)]


class MessagesResolveBodyTaskAnsweredQuestionsAnswersItem(Request):
    questionId: Annotated[str, Field(min_length=1)]
    questionText: Annotated[str, Field(min_length=1)]
    selectedLabels: list[Annotated[str, Field(min_length=1)]]
    customText: Annotated[str, Field(None, min_length=1)]


class MessagesResolveBodyTaskAnsweredQuestions(Request):
    type: Literal["answered-questions"]
    answers: Annotated[list[MessagesResolveBodyTaskAnsweredQuestionsAnswersItem], Field(min_length=1)]


class MessagesResolveBodyTaskConfirmedPermissionsPermissionsItem(Request):
    type: Literal["ALLOW_DYNAMIC_TOOL_STRICT"]
    toolName: Annotated[str, Field(min_length=1)]
    input: Any
    taskNameActive: str | None = None
    taskNameComplete: str | None = None
    userMessage: Annotated[str, Field(None, min_length=1)]


class MessagesResolveBodyTaskConfirmedPermissions(Request):
    type: Literal["confirmed-permissions"]
    permissions: Annotated[list[MessagesResolveBodyTaskConfirmedPermissionsPermissionsItem], Field(min_length=1)]
    userMessage: Annotated[str, Field(None, min_length=1)]


class MessagesResolveBodyTaskVercelConnectSetup(Request):
    type: Literal["vercel-connect-setup"]


class MessagesResolveBodyModelConfiguration(Request):
    modelId: Literal["v0-mini", "v0-pro", "v0-max", "v0-max-fast"] = "v0-pro"
    imageGenerations: bool = False


class MessagesResolveBody(Request):
    task: Annotated[MessagesResolveBodyTaskConfirmedSteps | MessagesResolveBodyTaskPlanExitResponse | MessagesResolveBodyTaskAnsweredQuestions | MessagesResolveBodyTaskConfirmedPermissions | MessagesResolveBodyTaskVercelConnectSetup, Field(discriminator="type")]
    modelConfiguration: Annotated[MessagesResolveBodyModelConfiguration, Field(None)]


class MessagesStopResponse(Response):
    """The stopped message."""

    messageId: str | None = None


class ChatsUpdateBody(Request):
    title: Annotated[str, Field(None)]
    privacy: Annotated[Literal["public", "private", "team", "team-edit", "unlisted"], Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=50)], str | None] | None = None


class ChatsDeleteResponse(Response):
    chatId: str | None = None


class ChatsGetPreviewResponse0(Response):
    url: str | None = None
    token: str | None = None
    expiresAt: str | None = None


class ChatsUpdateFilesBodyFilesItem(Request):
    path: Annotated[str, Field(min_length=1)]
    content: str | None


class ChatsUpdateFilesBody(Request):
    files: Annotated[list[ChatsUpdateFilesBodyFilesItem], Field(min_length=1)]


class ChatsUpdateFilesResponse(Response):
    """The messages created to record the file edit."""

    messages: list[MessageListResponseMessagesItem] | None = None


class ChatsGetConnectStatusQuery(Request):
    requestId: Annotated[str, Field(min_length=1, max_length=128)]


class ChatsGetConnectStatusResponsePending(Response):
    status: Literal["pending"] | None = None
    progress: str | None = None


class ChatsGetConnectStatusResponseReadyConnector(Response):
    """Connector created by setup."""

    id: str
    uid: str | None = None
    name: str | None = None
    service: str | None = None
    type: str | None = None
    supportedSubjectTypes: list[Literal["app", "user", "jwt-bearer"]] | None = None
    supportsInstallation: bool | None = None
    attachedToProject: bool | None = None


class ChatsGetConnectStatusResponseReady(Response):
    status: Literal["ready"] | None = None
    connector: ChatsGetConnectStatusResponseReadyConnector | None = None


class ChatsGetConnectStatusResponseError(Response):
    status: Literal["error"] | None = None
    message: str | None = None


class ChatsRestoreMessageBody(Request):
    messageId: Annotated[str, Field(min_length=1)]


class ChatsRestoreMessageResponse(Response):
    """The messages created to record the restore."""

    messages: list[MessageListResponseMessagesItem] | None = None


class ChatsDuplicateBody(Request):
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] = "private"
    title: Annotated[str, Field(None)]

    _sent_defaults: ClassVar[frozenset[str]] = frozenset({"privacy"})


class ChatsDeployResponse(Response):
    """A deployment created for a chat. The deployment build runs asynchronously on Vercel - use the Vercel API with the returned deploymentId to track status, fetch logs, or read build errors."""

    deploymentId: str | None = None
    vercelProjectId: str | None = None


class ChatsCreateVercelProjectBody(Request):
    name: Annotated[str, Field(None, min_length=1)]


class ChatsCreateVercelProjectResponse(Response):
    vercelProjectId: str | None = None


class McpServersListResponseItem(Response):
    id: str
    name: str | None = None
    url: str | None = None
    description: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    userId: str | None = None
    enabled: bool | None = None
    auth: McpServerAuthNone | McpServerAuthBearer | McpServerAuthCustomHeaders | McpServerAuthOauth | dict[str, Any] | None = None
    scope: Literal["user", "team"] | None = None


class McpServersCreateBodyAuthNone(Request):
    type: Literal["none"]


class McpServersCreateBodyAuthBearer(Request):
    type: Literal["bearer"]
    token: str


class McpServersCreateBodyAuthCustomHeaders(Request):
    type: Literal["custom-headers"]
    headers: dict[str, str]


class McpServersCreateBodyAuthOauthConfig(Request):
    authorizationUrl: str
    tokenUrl: str
    registrationUrl: Annotated[str, Field(None)]
    clientId: str
    clientSecret: Annotated[str, Field(None)]
    scopes: list[str]
    usePKCE: bool
    issuer: Annotated[str, Field(None)]
    resource: Annotated[str, Field(None)]
    clientIdMetadataDocumentSupported: Annotated[bool, Field(None)]


class McpServersCreateBodyAuthOauth(Request):
    type: Literal["oauth"]
    config: Annotated[McpServersCreateBodyAuthOauthConfig, Field(None)]
    connected: bool = False
    expiresAt: Annotated[str, Field(None)]

    _sent_defaults: ClassVar[frozenset[str]] = frozenset({"connected"})


class McpServersCreateBody(Request):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    url: Annotated[str, Field(max_length=500)]
    description: Annotated[str, Field(None, max_length=500)]
    enabled: bool = True
    auth: Annotated[Annotated[McpServersCreateBodyAuthNone | McpServersCreateBodyAuthBearer | McpServersCreateBodyAuthCustomHeaders | McpServersCreateBodyAuthOauth, Field(discriminator="type")], Field(None)]
    scope: Literal["user", "team"] = "user"

    _sent_defaults: ClassVar[frozenset[str]] = frozenset({"enabled", "scope"})


class McpServersUpdateBody(Request):
    name: Annotated[str, Field(None, min_length=1, max_length=100)]
    url: Annotated[str, Field(None, max_length=500)]
    description: Annotated[str, Field(None, max_length=500)]
    enabled: Annotated[bool, Field(None)]
    auth: Annotated[Annotated[McpServersCreateBodyAuthNone | McpServersCreateBodyAuthBearer | McpServersCreateBodyAuthCustomHeaders | McpServersCreateBodyAuthOauth, Field(discriminator="type")], Field(None)]
    scope: Annotated[Literal["user", "team"], Field(None)]


class McpServersDeleteResponse(Response):
    success: Literal[True] | None = None


class SettingsSetPreviewHostsBody(Request):
    hosts: Annotated[list[Annotated[str, Field(max_length=256)]], Field(max_length=5)]


class UsageGetSummaryQuery(Request):
    start: Annotated[datetime, Field(None)]
    end: Annotated[datetime, Field(None)]
    userId: Annotated[str, Field(None)]


class UsageListEventsQuery(Request):
    start: Annotated[datetime, Field(None)]
    end: Annotated[datetime, Field(None)]
    userId: Annotated[str, Field(None)]
    chatId: Annotated[str, Field(None)]
    messageId: Annotated[str, Field(None)]
    limit: int = Field(50, ge=1, le=100)
    cursor: Annotated[str, Field(None)]


class UsageGetActivityQuery(Request):
    start: Annotated[datetime, Field(None)]
    end: Annotated[datetime, Field(None)]
    userId: Annotated[str, Field(None)]


class WebhooksListResponseItem(Response):
    id: str
    name: str | None = None


class WebhooksCreateBody(Request):
    name: str
    events: list[Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"]]
    url: str
    chatId: str | None = None

    _sent_defaults: ClassVar[frozenset[str]] = frozenset({"chatId"})


class WebhooksUpdateBody(Request):
    name: Annotated[str, Field(None)]
    events: Annotated[list[Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"]], Field(None)]
    url: Annotated[str, Field(None)]


class WebhooksDeleteResponse(Response):
    id: str
    deleted: Literal[True] | None = None


ChatStreamEvent = ChatStreamEventChat | ChatStreamEventChatTitle | ChatStreamEventMessagePartsChunk | ChatStreamEventMessageUsage | ChatStreamEventError | dict[str, Any]
MessageStreamEvent = MessageStreamEventMessage | ChatStreamEventMessagePartsChunk | ChatStreamEventMessageUsage | ChatStreamEventError | dict[str, Any]
ChatsGetPreviewResponse = ChatsGetPreviewResponse0 | None | dict[str, Any]
ChatsGetConnectStatusResponse = ChatsGetConnectStatusResponsePending | ChatsGetConnectStatusResponseReady | ChatsGetConnectStatusResponseError | dict[str, Any]
