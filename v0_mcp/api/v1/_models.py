"""Pydantic models of every v0 Platform API v1 request and response.

Generated from ``spec/openapi.json`` by ``scripts/generate_models.py``; do not
edit by hand. Request models (``Request`` subclasses) are strict, response
models (``Response`` subclasses) tolerant; the generator's docstring says why.
Validators are built on first use (``defer_build``): most runs use few models,
and building all of them would slow every start.
"""

# ruff: noqa: E501
# No `from __future__ import annotations`: classes come after what they use, and
# real annotations spare pydantic from evaluating ~1,000 strings at import.
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Request(BaseModel):
    """A request body or query string: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Response(BaseModel):
    """A response body: extra fields are kept, missing ones tolerated."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)



class FileDetail(Response):
    """Detailed representation of a file, including its content and lock status."""

    object: Literal["file"] | None = None
    name: str | None = None
    content: str | None = None
    locked: bool | None = None


class ChatDetailLatestVersion(Response):
    """Full details of the most recent generated version, if available."""

    id: str
    object: Literal["version"] | None = None
    status: Literal["pending", "completed", "failed"] | None = None
    demoUrl: str | None = None
    screenshotUrl: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    files: list[FileDetail] | None = None


class MessageSummaryAttachmentsItem(Response):
    url: str | None = None
    name: str | None = None
    contentType: str | None = None
    size: float | None = None
    content: str | None = None
    type: Literal["screenshot", "figma", "zip"] | None = None


class MessageSummary(Response):
    """Summary of a single message within a chat, including role, content, type, timestamp, and API URL."""

    id: str
    object: Literal["message"] | None = None
    content: str | None = None
    experimental_content: list[list[Any]] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    type: Literal["message", "forked-block", "forked-chat", "open-in-v0", "refinement", "added-environment-variables", "added-integration", "deleted-file", "moved-file", "renamed-file", "edited-file", "replace-src", "reverted-block", "fix-with-v0", "auto-fix-with-v0", "sync-git", "pull-changes", "fix-cve", "answered-questions", "cloned-repo", "manual-commit", "design-mode"] | None = None
    role: Literal["user", "assistant"] | None = None
    finishReason: Literal["stop", "length", "content-filter", "tool-calls", "error", "other"] | None = None
    apiUrl: str | None = None
    authorId: str | None = None
    parentId: str | None = None
    attachments: list[MessageSummaryAttachmentsItem] | None = None


class ChatDetailFilesItem(Response):
    lang: str | None = None
    meta: dict[str, str] | None = None
    source: str | None = None


class ChatDetailModelConfiguration(Response):
    """The configuration used to generate responses in this chat."""

    modelId: Literal["v0-auto", "v0-opus-4.7", "v0-opus-4.7-fast", "v0-mini", "v0-pro", "v0-max", "v0-max-fast"] | None = None
    imageGenerations: bool | None = None
    thinking: bool | None = None


class ChatDetailPermissions(Response):
    write: bool | None = None


class ChatDetail(Response):
    """Detailed representation of a chat, including its messages, files, versions, and model configuration."""

    id: str
    object: Literal["chat"] | None = None
    shareable: bool | None = None
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] | None = None
    name: str | None = None
    title: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    favorite: bool | None = None
    authorId: str | None = None
    projectId: str | None = None
    vercelProjectId: str | None = None
    webUrl: str | None = None
    apiUrl: str | None = None
    latestVersion: ChatDetailLatestVersion | None = None
    metadata: dict[str, str] | None = None
    url: str | None = None
    messages: list[MessageSummary] | None = None
    files: list[ChatDetailFilesItem] | None = None
    demo: str | None = None
    text: str | None = None
    modelConfiguration: ChatDetailModelConfiguration | None = None
    permissions: ChatDetailPermissions | None = None


class ChatSummaryLatestVersion(Response):
    """The most recent generated version of the chat, if available."""

    id: str
    object: Literal["version"] | None = None
    status: Literal["pending", "completed", "failed"] | None = None
    demoUrl: str | None = None
    screenshotUrl: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class ChatSummary(Response):
    """Summary of a chat, including metadata like privacy, author, latest version, and URLs."""

    id: str
    object: Literal["chat"] | None = None
    shareable: bool | None = None
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] | None = None
    name: str | None = None
    title: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    favorite: bool | None = None
    authorId: str | None = None
    projectId: str | None = None
    vercelProjectId: str | None = None
    webUrl: str | None = None
    apiUrl: str | None = None
    latestVersion: ChatSummaryLatestVersion | None = None
    metadata: dict[str, str] | None = None


class DeploymentDetail(Response):
    id: str
    object: Literal["deployment"] | None = None
    inspectorUrl: str | None = None
    chatId: str | None = None
    projectId: str | None = None
    versionId: str | None = None
    apiUrl: str | None = None
    webUrl: str | None = None


class EnvironmentVariableDetailSchema(Response):
    """Detailed information for an environment variable including its value."""

    id: str
    object: Literal["environment_variable"] | None = None
    key: str | None = None
    value: str | None = None
    decrypted: bool | None = None
    createdAt: float | None = None
    updatedAt: float | None = None


class EnvironmentVariableSummarySchema(Response):
    """Summary information for an environment variable."""

    id: str
    object: Literal["environment_variable"] | None = None
    key: str | None = None
    value: str | None = None
    decrypted: bool | None = None
    createdAt: float | None = None
    updatedAt: float | None = None


class EnvironmentVariablesListSchema(Response):
    """List response containing environment variables."""

    object: Literal["list"] | None = None
    data: list[EnvironmentVariableDetailSchema] | None = None


class FileSummary(Response):
    """Basic metadata about a file, such as its type and name."""

    object: Literal["file"] | None = None
    name: str | None = None


class HookDetail(Response):
    """Full configuration details for a webhook, including its scope and subscription."""

    id: str
    object: Literal["hook"] | None = None
    name: str | None = None
    events: list[Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"]] | None = None
    chatId: str | None = None
    url: str | None = None


class HookEventDetail(Response):
    """Detailed record of a webhook event, including its type, status, and timestamp."""

    id: str
    object: Literal["hook_event"] | None = None
    event: Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"] | None = None
    status: Literal["pending", "success", "error"] | None = None
    createdAt: str | None = None


class HookSummary(Response):
    """Summary of a webhook, including its ID and display name."""

    id: str
    object: Literal["hook"] | None = None
    name: str | None = None


class IntegrationConnectionDetailSchemaIntegration(Response):
    """Information about the connected integration."""

    id: str
    object: Literal["integration"] | None = None
    slug: str | None = None
    name: str | None = None


class IntegrationConnectionDetailSchema(Response):
    """Detailed information about an integration connection to a project."""

    object: Literal["integration_connection"] | None = None
    id: str
    connected: bool | None = None
    integration: IntegrationConnectionDetailSchemaIntegration | None = None
    metadata: dict[str, Any] | None = None


class IntegrationConnectionSummarySchema(Response):
    """Summary information about an integration connection to a project."""

    object: Literal["integration_connection"] | None = None
    id: str
    connected: bool | None = None
    integration: IntegrationConnectionDetailSchemaIntegration | None = None


class IntegrationConnectionListSchema(Response):
    """List response containing integration connections."""

    object: Literal["list"] | None = None
    data: list[IntegrationConnectionSummarySchema] | None = None


class IntegrationDetailSchema(Response):
    """Detailed information about an integration."""

    id: str
    object: Literal["integration"] | None = None
    slug: str | None = None
    name: str | None = None
    description: str | None = None
    iconUrl: str | None = None


class IntegrationListSchema(Response):
    """List of available integrations."""

    object: Literal["list"] | None = None
    data: list[IntegrationDetailSchema] | None = None


class IntegrationSummarySchema(Response):
    """Basic information about an integration."""

    id: str
    object: Literal["integration"] | None = None
    slug: str | None = None
    name: str | None = None


class MessageDetail(Response):
    """Detailed message object extending MessageSummary with chat metadata."""

    id: str
    object: Literal["message"] | None = None
    content: str | None = None
    experimental_content: list[list[Any]] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    type: Literal["message", "forked-block", "forked-chat", "open-in-v0", "refinement", "added-environment-variables", "added-integration", "deleted-file", "moved-file", "renamed-file", "edited-file", "replace-src", "reverted-block", "fix-with-v0", "auto-fix-with-v0", "sync-git", "pull-changes", "fix-cve", "answered-questions", "cloned-repo", "manual-commit", "design-mode"] | None = None
    role: Literal["user", "assistant"] | None = None
    finishReason: Literal["stop", "length", "content-filter", "tool-calls", "error", "other"] | None = None
    apiUrl: str | None = None
    authorId: str | None = None
    parentId: str | None = None
    attachments: list[MessageSummaryAttachmentsItem] | None = None
    chatId: str | None = None


class MessageSummaryListPagination(Response):
    """Pagination metadata for navigating through multiple pages of results."""

    hasMore: bool | None = None
    nextCursor: str | None = None
    nextUrl: str | None = None


class MessageSummaryList(Response):
    """List response containing multiple message summaries with cursor-based pagination."""

    object: Literal["list"] | None = None
    data: list[MessageSummary] | None = None
    pagination: MessageSummaryListPagination | None = None


class NotificationPreferenceSchema(Response):
    """User preference for notification delivery methods."""

    liveActivity: bool | None = None
    pushNotifications: bool | None = None


class ProductDetailSchema(Response):
    """Detailed information about a marketplace or store product."""

    object: Literal["product"] | None = None
    id: str
    slug: str | None = None
    name: str | None = None
    description: str | None = None
    iconUrl: str | None = None
    v0Availability: Literal["in-review", "published"] | None = None
    iconBackgroundColor: str | None = None


class ProductSummarySchema(Response):
    """Summary information about a marketplace or store product."""

    object: Literal["product"] | None = None
    id: str
    slug: str | None = None
    name: str | None = None
    description: str | None = None
    iconUrl: str | None = None
    v0Availability: Literal["in-review", "published"] | None = None


class ProductListSchema(Response):
    """List of available marketplace and store products."""

    object: Literal["list"] | None = None
    data: list[ProductSummarySchema] | None = None


class ProjectDetail(Response):
    """Full representation of a project, including its associated chats."""

    id: str
    object: Literal["project"] | None = None
    name: str | None = None
    privacy: Literal["private", "team"] | None = None
    vercelProjectId: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    apiUrl: str | None = None
    webUrl: str | None = None
    description: str | None = None
    instructions: str | None = None
    chats: list[ChatSummary] | None = None


class ProjectSummary(Response):
    """Summary of a project, including metadata, timestamps, and optional Vercel linkage."""

    id: str
    object: Literal["project"] | None = None
    name: str | None = None
    privacy: Literal["private", "team"] | None = None
    vercelProjectId: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    apiUrl: str | None = None
    webUrl: str | None = None


class ScopeSummary(Response):
    """Basic information about a workspace or identity context for projects and chats."""

    id: str
    object: Literal["scope"] | None = None
    name: str | None = None


class SearchResultItem(Response):
    """Generic result returned from a search query, representing either a chat or a project."""

    id: str
    object: Literal["chat", "project"] | None = None
    name: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    apiUrl: str | None = None
    webUrl: str | None = None


class UserDetailSchema(Response):
    id: str
    object: Literal["user"] | None = None
    name: str | None = None
    email: str | None = None
    avatar: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class UserPreferencesSchemaNotifications(Response):
    """The user's preferred method for receiving notifications."""

    liveActivity: bool | None = None
    pushNotifications: bool | None = None


class UserPreferencesSchema(Response):
    """User preferences configuration including notification settings."""

    notifications: UserPreferencesSchemaNotifications | None = None


class UserPreferencesPostResponseSchema(Response):
    """Response schema for updating user preferences."""

    object: Literal["user_preferences"] | None = None
    preferences: UserPreferencesSchema | None = None


class UserPreferencesResponseSchema(Response):
    """Response schema for retrieving user preferences."""

    object: Literal["user_preferences"] | None = None
    preferences: UserPreferencesSchema | None = None


class UserSummarySchema(Response):
    """Details of the authenticated user, including profile and contact information."""

    id: str
    object: Literal["user"] | None = None
    name: str | None = None
    email: str | None = None
    avatar: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class VercelProjectDetail(Response):
    id: str
    object: Literal["vercel_project"] | None = None
    name: str | None = None


class VercelProjectSummary(Response):
    """Basic metadata about a Vercel project connected to a v0 project."""

    id: str
    object: Literal["vercel_project"] | None = None
    name: str | None = None


class VersionDetail(Response):
    """Detailed version data including file contents."""

    id: str
    object: Literal["version"] | None = None
    status: Literal["pending", "completed", "failed"] | None = None
    demoUrl: str | None = None
    screenshotUrl: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    files: list[FileDetail] | None = None


class VersionSummary(Response):
    """Summary of a generated version of a chat, including its status and optional demo link."""

    id: str
    object: Literal["version"] | None = None
    status: Literal["pending", "completed", "failed"] | None = None
    demoUrl: str | None = None
    screenshotUrl: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class VersionSummaryList(Response):
    """List response containing multiple version summaries with cursor-based pagination."""

    object: Literal["list"] | None = None
    data: list[VersionSummary] | None = None
    pagination: MessageSummaryListPagination | None = None


class UnauthorizedErrorError(Response):
    message: str | None = None
    type: Literal["unauthorized_error"] | None = None


class UnauthorizedError(Response):
    error: UnauthorizedErrorError | None = None


class ForbiddenErrorError(Response):
    message: str | None = None
    type: Literal["forbidden_error"] | None = None


class ForbiddenError(Response):
    error: ForbiddenErrorError | None = None


class NotFoundErrorError(Response):
    message: str | None = None
    type: Literal["not_found_error"] | None = None


class NotFoundError(Response):
    error: NotFoundErrorError | None = None


class ConflictErrorError(Response):
    message: str | None = None
    type: Literal["conflict_error"] | None = None


class ConflictError(Response):
    error: ConflictErrorError | None = None


class PayloadTooLargeErrorError(Response):
    message: str | None = None
    type: Literal["payload_too_large_error"] | None = None


class PayloadTooLargeError(Response):
    error: PayloadTooLargeErrorError | None = None


class UnprocessableEntityErrorError(Response):
    message: str | None = None
    type: Literal["unprocessable_entity_error"] | None = None


class UnprocessableEntityError(Response):
    error: UnprocessableEntityErrorError | None = None


class TooManyRequestsErrorError(Response):
    message: str | None = None
    type: Literal["too_many_requests_error"] | None = None


class TooManyRequestsError(Response):
    error: TooManyRequestsErrorError | None = None


class InternalServerErrorError(Response):
    message: str | None = None
    type: Literal["internal_server_error"] | None = None


class InternalServerError(Response):
    error: InternalServerErrorError | None = None


class ChatsCreateBodyAttachmentsItem(Request):
    url: str


class ChatsCreateBodyModelConfiguration(Request):
    modelId: Literal["v0-auto", "v0-mini", "v0-pro", "v0-max", "v0-max-fast"] = "v0-pro"
    imageGenerations: bool = False
    thinking: bool = False


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
    message: str
    attachments: Annotated[list[ChatsCreateBodyAttachmentsItem], Field(None)]
    system: Annotated[str, Field(None)]
    chatPrivacy: Literal["public", "private", "team-edit", "team", "unlisted"] = "private"
    projectId: Annotated[str, Field(None)]
    modelConfiguration: Annotated[ChatsCreateBodyModelConfiguration, Field(None)]
    responseMode: Literal["sync", "async", "experimental_stream"] = "sync"
    designSystemId: str | None = None
    mcpServerIds: Annotated[list[str], Field(None)]
    attachedSkillIds: Annotated[list[str], Field(None)]
    skills: Annotated[list[Annotated[ChatsCreateBodySkillsItemRemote | ChatsCreateBodySkillsItemMemory | ChatsCreateBodySkillsItemProject, Field(discriminator="type")]], Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] = Field(default_factory=dict)


class ChatsFindQuery(Request):
    limit: int = Field(60, le=60)
    offset: int = 0
    isFavorite: bool | None = None
    vercelProjectId: str | None = None
    branch: str | None = None
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] | None = None


class ChatsFindResponseDataItemLatestVersion(Response):
    """The most recent generated version of the chat, if available."""

    id: str
    object: Literal["version"] | None = None
    status: Literal["pending", "completed", "failed"] | None = None
    demoUrl: str | None = None
    screenshotUrl: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    darkScreenshotUrl: str | None = None


class ChatsFindResponseDataItem(Response):
    """Summary of a chat, including metadata like privacy, author, latest version, and URLs."""

    id: str
    object: Literal["chat"] | None = None
    shareable: bool | None = None
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] | None = None
    name: str | None = None
    title: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    favorite: bool | None = None
    authorId: str | None = None
    projectId: str | None = None
    vercelProjectId: str | None = None
    webUrl: str | None = None
    apiUrl: str | None = None
    latestVersion: ChatsFindResponseDataItemLatestVersion | None = None
    metadata: dict[str, str] | None = None


class ChatsFindResponse(Response):
    object: Literal["list"] | None = None
    data: list[ChatsFindResponseDataItem] | None = None


class ChatsInitBodyFilesFilesItem0(Request):
    name: str
    url: str
    locked: Annotated[bool, Field(None)]


class ChatsInitBodyFilesFilesItem1(Request):
    name: str
    content: str
    locked: Annotated[bool, Field(None)]


class ChatsInitBodyFiles(Request):
    name: Annotated[str, Field(None)]
    chatPrivacy: Literal["public", "private", "team-edit", "team", "unlisted"] = "private"
    projectId: Annotated[str, Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] = Field(default_factory=dict)
    type: Literal["files"]
    files: list[ChatsInitBodyFilesFilesItem0 | ChatsInitBodyFilesFilesItem1]


class ChatsInitBodyRepoRepo(Request):
    url: str
    branch: Annotated[str, Field(None, max_length=250)]


class ChatsInitBodyRepo(Request):
    name: Annotated[str, Field(None)]
    chatPrivacy: Literal["public", "private", "team-edit", "team", "unlisted"] = "private"
    projectId: Annotated[str, Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] = Field(default_factory=dict)
    type: Literal["repo"]
    repo: ChatsInitBodyRepoRepo
    lockAllFiles: Annotated[bool, Field(None)]


class ChatsInitBodyRegistryRegistry(Request):
    url: str


class ChatsInitBodyRegistry(Request):
    name: Annotated[str, Field(None)]
    chatPrivacy: Literal["public", "private", "team-edit", "team", "unlisted"] = "private"
    projectId: Annotated[str, Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] = Field(default_factory=dict)
    type: Literal["registry"]
    registry: ChatsInitBodyRegistryRegistry
    lockAllFiles: Annotated[bool, Field(None)]


class ChatsInitBodyZipZip(Request):
    url: str


class ChatsInitBodyZip(Request):
    name: Annotated[str, Field(None)]
    chatPrivacy: Literal["public", "private", "team-edit", "team", "unlisted"] = "private"
    projectId: Annotated[str, Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] = Field(default_factory=dict)
    type: Literal["zip"]
    zip: ChatsInitBodyZipZip
    lockAllFiles: Annotated[bool, Field(None)]


class ChatsInitBodyTemplate(Request):
    name: Annotated[str, Field(None)]
    chatPrivacy: Literal["public", "private", "team-edit", "team", "unlisted"] = "private"
    projectId: Annotated[str, Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], Annotated[str, Field(max_length=500)]] = Field(default_factory=dict)
    type: Literal["template"]
    templateId: str


class ChatsDeleteResponse(Response):
    id: str
    object: Literal["chat"] | None = None
    deleted: Literal[True] | None = None


class ChatsUpdateBody(Request):
    name: Annotated[str, Field(None)]
    privacy: Annotated[Literal["public", "private", "team", "team-edit", "unlisted"], Field(None)]
    metadata: dict[Annotated[str, Field(min_length=1, max_length=40)], str | None] | None = None


class ChatsFavoriteBody(Request):
    isFavorite: bool


class ChatsFavoriteResponse(Response):
    id: str
    object: Literal["chat"] | None = None
    favorited: bool | None = None


class ChatsForkBody(Request):
    versionId: Annotated[str, Field(None, max_length=32)]
    privacy: Literal["public", "private", "team", "team-edit", "unlisted"] = "private"


class ChatsFindMessagesQuery(Request):
    limit: int = Field(20, ge=1, le=150)
    cursor: str | None = None


class Pagination(Response):
    hasMore: bool | None = None
    nextCursor: str | None = None
    nextUrl: str | None = None


class ChatsFindMessagesResponse(Response):
    object: Literal["list"] | None = None
    data: list[MessageSummary] | None = None
    pagination: Pagination | None = None


class ChatsSendMessageBodyModelConfiguration(Request):
    modelId: Literal["v0-auto", "v0-mini", "v0-pro", "v0-max", "v0-max-fast"] = "v0-pro"
    imageGenerations: bool = False
    thinking: bool = False


class ChatsSendMessageBodyAction(Request):
    type: Literal["fix-with-v0"]


class ChatsSendMessageBody(Request):
    message: str
    attachments: list[ChatsCreateBodyAttachmentsItem] = Field(default_factory=list)
    system: Annotated[str, Field(None)]
    modelConfiguration: Annotated[ChatsSendMessageBodyModelConfiguration, Field(None)]
    responseMode: Literal["sync", "async", "experimental_stream"] = "sync"
    mcpServerIds: Annotated[list[str], Field(None)]
    attachedSkillIds: Annotated[list[str], Field(None)]
    skills: Annotated[list[Annotated[ChatsCreateBodySkillsItemRemote | ChatsCreateBodySkillsItemMemory | ChatsCreateBodySkillsItemProject, Field(discriminator="type")]], Field(None)]
    action: Annotated[ChatsSendMessageBodyAction, Field(None)]


class ChatsFindVersionsQuery(Request):
    limit: int = Field(20, ge=1, le=150)
    cursor: str | None = None


class ChatsFindVersionsResponseMeta(Response):
    totalCount: float | None = None


class ChatsFindVersionsResponse(Response):
    object: Literal["list"] | None = None
    data: list[VersionSummary] | None = None
    pagination: Pagination | None = None
    meta: ChatsFindVersionsResponseMeta | None = None


class ChatsGetVersionQuery(Request):
    includeDefaultFiles: bool | None = None


class ChatsUpdateVersionBodyFilesItem(Request):
    name: str
    content: str
    locked: Annotated[bool, Field(None)]


class ChatsUpdateVersionBody(Request):
    files: list[ChatsUpdateVersionBodyFilesItem]


class ChatsDownloadVersionQuery(Request):
    format: Literal["zip", "tarball"] = "zip"
    includeDefaultFiles: bool | None = None


class ChatsDeleteVersionFilesBody(Request):
    filePaths: list[str]


class ChatsStopResponse(Response):
    success: Literal[True] | None = None


class ChatsResolveTaskBodyTaskConfirmedSteps(Request):
    type: Literal["confirmed-steps"]
    connectedIntegrationNames: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list)
    connectedMcpPresetNames: list[Literal["Linear", "Notion", "Context7", "Sentry", "Zapier", "Glean", "Hex", "Sanity", "Granola", "PostHog", "Contentful", "Slack"]] = Field(default_factory=list)
    appliedScripts: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    addedEnvVars: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)


class ChatsResolveTaskBodyTaskPlanExitResponse(Request):
    type: Literal["plan-exit-response"]
    status: Literal["approved", "rejected", "request-changes"]
    content: Annotated[str, Field(min_length=1)]


class ChatsResolveTaskBodyTaskAnsweredQuestionsAnswersItem(Request):
    questionId: Annotated[str, Field(min_length=1)]
    questionText: Annotated[str, Field(min_length=1)]
    selectedLabels: list[Annotated[str, Field(min_length=1)]]
    customText: Annotated[str, Field(None, min_length=1)]


class ChatsResolveTaskBodyTaskAnsweredQuestions(Request):
    type: Literal["answered-questions"]
    answers: list[ChatsResolveTaskBodyTaskAnsweredQuestionsAnswersItem]


class ChatsResolveTaskBodyTaskConfirmedPermissionsPermissionsItem(Request):
    type: Literal["ALLOW_DYNAMIC_TOOL_STRICT"]
    toolName: Annotated[str, Field(min_length=1)]
    input: Any
    taskNameActive: str | None = None
    taskNameComplete: str | None = None
    userMessage: Annotated[str, Field(None, min_length=1)]


class ChatsResolveTaskBodyTaskConfirmedPermissions(Request):
    type: Literal["confirmed-permissions"]
    permissions: list[ChatsResolveTaskBodyTaskConfirmedPermissionsPermissionsItem]
    userMessage: Annotated[str, Field(None, min_length=1)]


class ChatsResolveTaskBodyTaskVercelConnectSetup(Request):
    type: Literal["vercel-connect-setup"]


class ChatsResolveTaskBody(Request):
    task: Annotated[ChatsResolveTaskBodyTaskConfirmedSteps | ChatsResolveTaskBodyTaskPlanExitResponse | ChatsResolveTaskBodyTaskAnsweredQuestions | ChatsResolveTaskBodyTaskConfirmedPermissions | ChatsResolveTaskBodyTaskVercelConnectSetup, Field(discriminator="type")]
    responseMode: Literal["sync", "async", "experimental_stream"] = "sync"
    modelConfiguration: Annotated[ChatsSendMessageBodyModelConfiguration, Field(None)]


class DeploymentsFindQuery(Request):
    projectId: str | None = None
    chatId: str
    versionId: str


class DeploymentsFindResponse(Response):
    object: Literal["list"] | None = None
    data: list[DeploymentDetail] | None = None


class DeploymentsCreateBody(Request):
    projectId: Annotated[str, Field(None)]
    chatId: str
    versionId: str


class DeploymentsDeleteResponse(Response):
    id: str
    object: Literal["deployment"] | None = None
    deleted: Literal[True] | None = None


class DeploymentsFindLogsQuery(Request):
    since: float | None = None


class DeploymentLog(Response):
    createdAt: str | None = None
    deploymentId: str | None = None
    id: str
    text: str | None = None
    type: Literal["stdout", "stderr"] | None = None
    level: Literal["error", "warning", "info"] | None = None
    object: Literal["deployment_log"] | None = None


class DeploymentsFindLogsResponse(Response):
    logs: list[DeploymentLog] | None = None
    nextSince: float | None = None
    object: Literal["list"] | None = None


class DeploymentsFindErrorsResponse(Response):
    fullErrorText: str | None = None
    errorType: str | None = None
    formattedError: str | None = None


class HooksFindResponse(Response):
    object: Literal["list"] | None = None
    data: list[HookSummary] | None = None


class HooksCreateBody(Request):
    name: str
    events: list[Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"]]
    chatId: Annotated[str, Field(None)]
    url: str


class HooksUpdateBody(Request):
    name: Annotated[str, Field(None)]
    events: Annotated[list[Literal["chat.created", "chat.updated", "chat.deleted", "message.created", "message.updated", "message.deleted", "message.finished"]], Field(None)]
    url: Annotated[str, Field(None)]


class HooksDeleteResponse(Response):
    id: str
    object: Literal["hook"] | None = None
    deleted: Literal[True] | None = None


class VercelProjectsFindResponse(Response):
    object: Literal["list"] | None = None
    data: list[VercelProjectSummary] | None = None


class VercelProjectsCreateBody(Request):
    projectId: str
    name: str


class ProjectsFindResponse(Response):
    object: Literal["list"] | None = None
    data: list[ProjectSummary] | None = None


class ProjectsCreateBodyEnvironmentVariablesItem(Request):
    key: Annotated[str, Field(max_length=255)]
    value: Annotated[str, Field(max_length=1000)]


class ProjectsCreateBody(Request):
    name: Annotated[str, Field(max_length=255)]
    description: Annotated[str, Field(None, max_length=1000)]
    icon: str = "icon-wand-sparkles"
    environmentVariables: Annotated[list[ProjectsCreateBodyEnvironmentVariablesItem], Field(None)]
    instructions: Annotated[str, Field(None, max_length=2000)]
    vercelProjectId: Annotated[str, Field(None)]
    privacy: Annotated[Literal["private", "team"], Field(None)]


class ProjectsUpdateBody(Request):
    name: Annotated[str, Field(None)]
    description: Annotated[str, Field(None)]
    instructions: Annotated[str, Field(None)]
    privacy: Annotated[Literal["private", "team"], Field(None)]


class ProjectsDeleteQuery(Request):
    deleteAllChats: bool = False


class ProjectsDeleteResponse(Response):
    id: str
    object: Literal["project"] | None = None
    deleted: Literal[True] | None = None


class ProjectsAssignBody(Request):
    chatId: str


class ProjectsAssignResponse(Response):
    object: Literal["project"] | None = None
    id: str
    assigned: Literal[True] | None = None


class ProjectsFindEnvVarsQuery(Request):
    decrypted: bool | None = None


class EnvVarList(Response):
    object: Literal["list"] | None = None
    data: list[EnvironmentVariableSummarySchema] | None = None


class ProjectsCreateEnvVarsQuery(Request):
    decrypted: bool | None = None


class ProjectsCreateEnvVarsBodyEnvironmentVariablesItem(Request):
    key: Annotated[str, Field(min_length=1)]
    value: str


class ProjectsCreateEnvVarsBody(Request):
    environmentVariables: list[ProjectsCreateEnvVarsBodyEnvironmentVariablesItem]
    upsert: Annotated[bool, Field(None)]


class ProjectsUpdateEnvVarsQuery(Request):
    decrypted: bool | None = None


class ProjectsUpdateEnvVarsBodyEnvironmentVariablesItem(Request):
    id: str
    value: str


class ProjectsUpdateEnvVarsBody(Request):
    environmentVariables: list[ProjectsUpdateEnvVarsBodyEnvironmentVariablesItem]


class ProjectsDeleteEnvVarsBody(Request):
    environmentVariableIds: list[str]


class ProjectsDeleteEnvVarsResponseDataItem(Response):
    id: str
    object: Literal["environment_variable"] | None = None
    deleted: Literal[True] | None = None


class ProjectsDeleteEnvVarsResponse(Response):
    object: Literal["list"] | None = None
    data: list[ProjectsDeleteEnvVarsResponseDataItem] | None = None


class ProjectsGetEnvVarQuery(Request):
    decrypted: bool | None = None


class ProjectsGetEnvVarResponse(Response):
    object: Literal["environment_variable"] | None = None
    data: EnvironmentVariableDetailSchema | None = None


class RateLimitsFindQuery(Request):
    scope: str | None = None


class RateLimitsFindResponseDailyLimit(Response):
    """Daily message limit information for free users."""

    limit: float | None = None
    remaining: float | None = None
    reset: float | None = None
    isWithinGracePeriod: bool | None = None


class RateLimitsFindResponse(Response):
    remaining: float | None = None
    reset: float | None = None
    limit: float | None = None
    dailyLimit: RateLimitsFindResponseDailyLimit | None = None


class UserGetBillingQuery(Request):
    scope: str | None = None


class UserGetBillingResponseTokenDataBillingCycle(Response):
    start: float | None = None
    end: float | None = None


class UserGetBillingResponseTokenDataBalance(Response):
    remaining: float | None = None
    total: float | None = None


class UserGetBillingResponseTokenDataOnDemandBlocksItem(Response):
    expirationDate: float | None = None
    effectiveDate: float | None = None
    originalBalance: float | None = None
    currentBalance: float | None = None


class UserGetBillingResponseTokenDataOnDemand(Response):
    balance: float | None = None
    blocks: list[UserGetBillingResponseTokenDataOnDemandBlocksItem] | None = None


class UserGetBillingResponseTokenData(Response):
    plan: str | None = None
    billingMode: Literal["test"] | None = None
    role: str | None = None
    billingCycle: UserGetBillingResponseTokenDataBillingCycle | None = None
    balance: UserGetBillingResponseTokenDataBalance | None = None
    onDemand: UserGetBillingResponseTokenDataOnDemand | None = None


class UserGetBillingResponseToken(Response):
    billingType: Literal["token"] | None = None
    data: UserGetBillingResponseTokenData | None = None


class UserGetBillingResponseLegacyData(Response):
    remaining: float | None = None
    reset: float | None = None
    limit: float | None = None


class UserGetBillingResponseLegacy(Response):
    billingType: Literal["legacy"] | None = None
    data: UserGetBillingResponseLegacyData | None = None


class UserGetPlanResponse(Response):
    object: Literal["plan"] | None = None
    plan: str | None = None
    billingCycle: UserGetBillingResponseTokenDataBillingCycle | None = None
    balance: UserGetBillingResponseTokenDataBalance | None = None


class UserGetScopesResponse(Response):
    object: Literal["list"] | None = None
    data: list[ScopeSummary] | None = None


class ReportsGetUsageQuery(Request):
    startDate: datetime | None = None
    endDate: datetime | None = None
    chatId: str | None = None
    messageId: str | None = None
    userId: str | None = None
    limit: int = Field(20, ge=1, le=150)
    cursor: str | None = None


class ReportsGetUsageResponseDataItem(Response):
    id: str
    object: Literal["usage_event"] | None = None
    type: Literal["image_generation", "message", "manual_debit", "api_request", "inline-edit", "buy-template", "reverse_template_sale", "refund_template_purchase"] | None = None
    promptCost: str | None = None
    completionCost: str | None = None
    totalCost: str | None = None
    chatId: str | None = None
    messageId: str | None = None
    userId: str | None = None
    user: UserSummarySchema | None = None
    createdAt: str | None = None


class ReportsGetUsageResponseMeta(Response):
    totalCount: float | None = None


class ReportsGetUsageResponse(Response):
    object: Literal["list"] | None = None
    data: list[ReportsGetUsageResponseDataItem] | None = None
    pagination: Pagination | None = None
    meta: ReportsGetUsageResponseMeta | None = None


class ReportsGetAIUsageQuery(Request):
    start: datetime | None = None
    end: datetime | None = None
    cursor: str | None = None
    limit: int = Field(1000, ge=1, le=5000)


class ReportsGetAIUsageResponseDataItem(Response):
    eventId: str | None = None
    modelId: str | None = None
    inputTokens: float | None = None
    outputTokens: float | None = None
    totalTokens: float | None = None
    cacheCreationInputTokens: float | None = None
    cacheCreationInputTokens1h: float | None = None
    cacheReadInputTokens: float | None = None
    timestamp: str | None = None
    requestId: str | None = None
    useCase: str | None = None
    chatId: str | None = None
    messageId: str | None = None
    userId: str | None = None
    userEmail: str | None = None


class ReportsGetAIUsageResponsePagination(Response):
    nextCursor: str | None = None


class ReportsGetAIUsageResponseDateRange(Response):
    start: str | None = None
    end: str | None = None


class ReportsGetAIUsageResponse(Response):
    object: Literal["list"] | None = None
    data: list[ReportsGetAIUsageResponseDataItem] | None = None
    pagination: ReportsGetAIUsageResponsePagination | None = None
    dateRange: ReportsGetAIUsageResponseDateRange | None = None


class ReportsGetUserActivityQuery(Request):
    startDate: datetime | None = None
    endDate: datetime | None = None


class ReportsGetUserActivityResponseDataItemUser(Response):
    id: str
    object: Literal["user"] | None = None
    name: str | None = None
    email: str | None = None
    avatar: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    teamV0Role: Literal["V0Builder", "V0Chatter", "V0Viewer"] | None = None


class ReportsGetUserActivityResponseDataItem(Response):
    id: str
    object: Literal["user_activity"] | None = None
    user: ReportsGetUserActivityResponseDataItemUser | None = None
    chatCount: float | None = None
    messageCount: float | None = None
    activeDays: float | None = None
    firstActivity: str | None = None
    lastActivity: str | None = None


class ReportsGetUserActivityResponseMetaDateRange(Response):
    start: str | None = None
    end: str | None = None


class ReportsGetUserActivityResponseMeta(Response):
    totalCount: float | None = None
    dateRange: ReportsGetUserActivityResponseMetaDateRange | None = None


class ReportsGetUserActivityResponse(Response):
    object: Literal["list"] | None = None
    data: list[ReportsGetUserActivityResponseDataItem] | None = None
    meta: ReportsGetUserActivityResponseMeta | None = None


class McpServerAuth(Response):
    """Authentication type for the MCP server. Sensitive values like tokens and headers are not returned."""

    type: Literal["none", "bearer", "custom-headers", "oauth"] | None = None


class McpServer(Response):
    """Summary information about an MCP server."""

    object: Literal["mcp_server"] | None = None
    id: str
    name: str | None = None
    url: str | None = None
    description: str | None = None
    enabled: bool | None = None
    auth: McpServerAuth | None = None
    scope: Literal["user", "team"] | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class McpServersFindResponse(Response):
    """List of MCP servers for the authenticated user."""

    object: Literal["list"] | None = None
    data: list[McpServer] | None = None


class McpServersCreateBodyAuthNone(Request):
    type: Literal["none"]


class McpServersCreateBodyAuthBearer(Request):
    type: Literal["bearer"]
    token: Annotated[str, Field(min_length=1, max_length=1000)]


class McpServersCreateBodyAuthCustomHeaders(Request):
    type: Literal["custom-headers"]
    headers: dict[Annotated[str, Field(max_length=100)], Annotated[str, Field(max_length=500)]]


class McpServersCreateBodyAuthOauthConfig(Request):
    authorizationUrl: str
    tokenUrl: str
    registrationUrl: Annotated[str, Field(None)]
    clientId: Annotated[str, Field(min_length=1)]
    clientSecret: Annotated[str, Field(None)]
    scopes: list[str] = Field(default_factory=list)
    usePKCE: bool = True
    issuer: Annotated[str, Field(None)]
    resource: Annotated[str, Field(None)]
    clientIdMetadataDocumentSupported: Annotated[bool, Field(None)]


class McpServersCreateBodyAuthOauth(Request):
    type: Literal["oauth"]
    config: McpServersCreateBodyAuthOauthConfig


class McpServersCreateBody(Request):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    url: Annotated[str, Field(max_length=500)]
    description: Annotated[str, Field(None, max_length=500)]
    enabled: bool = True
    auth: Annotated[Annotated[McpServersCreateBodyAuthNone | McpServersCreateBodyAuthBearer | McpServersCreateBodyAuthCustomHeaders | McpServersCreateBodyAuthOauth, Field(discriminator="type")], Field(None)]
    scope: Literal["user", "team"] = "user"


class McpServersUpdateBody(Request):
    name: Annotated[str, Field(None, min_length=1, max_length=100)]
    url: Annotated[str, Field(None, max_length=500)]
    description: Annotated[str, Field(None, max_length=500)]
    enabled: Annotated[bool, Field(None)]
    auth: Annotated[Annotated[McpServersCreateBodyAuthNone | McpServersCreateBodyAuthBearer | McpServersCreateBodyAuthCustomHeaders | McpServersCreateBodyAuthOauth, Field(discriminator="type")], Field(None)]
    scope: Annotated[Literal["user", "team"], Field(None)]


class McpServersDeleteResponse(Response):
    object: Literal["mcp_server"] | None = None
    id: str
    deleted: Literal[True] | None = None


class McpServersCreateOAuthAuthorizationUrlBody(Request):
    returnUrl: str


class McpServersCreateOAuthAuthorizationUrlResponse(Response):
    object: Literal["mcp_server_oauth_authorization"] | None = None
    mcpServerId: str | None = None
    url: str | None = None
    state: str | None = None
    expiresAt: str | None = None


ChatsInitBody = Annotated[ChatsInitBodyFiles | ChatsInitBodyRepo | ChatsInitBodyRegistry | ChatsInitBodyZip | ChatsInitBodyTemplate, Field(discriminator="type")]
UserGetBillingResponse = UserGetBillingResponseToken | UserGetBillingResponseLegacy
