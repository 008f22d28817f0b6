using System;
using System.Runtime.Serialization;
using System.Security;

// The legacy serialization members are part of the genuine surface (sdk-surface.md §2.9).
#pragma warning disable SYSLIB0051 // obsolete serialization constructor on net8+
#pragma warning disable CS0672 // GetObjectData overrides a member obsoleted on net8+

namespace Microsoft.Xrm.Sdk
{
    [Serializable]
    public sealed class InvalidPluginExecutionException : Exception, ISerializable
    {
        private readonly OperationStatus _status;
        private readonly PluginHttpStatusCode _httpStatus;

        public InvalidPluginExecutionException()
        {
            _status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, string.Empty)
        {
        }

        public InvalidPluginExecutionException(string message)
            : base(message)
        {
            _status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : this(status, 0, message)
        {
        }

        /// <summary>Carries over HttpStatus from an inner InvalidPluginExecutionException.</summary>
        public InvalidPluginExecutionException(string message, Exception exception)
            : base(message, exception)
        {
            _status = OperationStatus.Failed;
            InvalidPluginExecutionException inner = exception as InvalidPluginExecutionException;
            _httpStatus = inner != null ? inner.HttpStatus : PluginHttpStatusCode.NotSet;
        }

        /// <summary>A non-zero <paramref name="errorCode"/> becomes HResult (read back through ErrorCode).</summary>
        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : this(message)
        {
            _status = status;
            if (errorCode != 0)
            {
                HResult = errorCode;
            }
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
            : this(OperationStatus.Failed, 0, message, httpStatus)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
            : this(status, errorCode, message)
        {
            _httpStatus = httpStatus;
        }

        private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
            _status = (OperationStatus)info.GetValue("Status", typeof(OperationStatus));
            try
            {
                _httpStatus = (PluginHttpStatusCode)info.GetValue("HttpStatus", typeof(PluginHttpStatusCode));
            }
            catch (SerializationException)
            {
                _httpStatus = PluginHttpStatusCode.NotSet;
            }
        }

        public OperationStatus Status
        {
            get { return _status; }
        }

        public int ErrorCode
        {
            get { return HResult; }
        }

        public PluginHttpStatusCode HttpStatus
        {
            get { return _httpStatus; }
        }

        [SecurityCritical]
        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            if (info == null)
            {
                throw new ArgumentNullException(nameof(info));
            }

            info.AddValue("Status", _status, typeof(OperationStatus));
            info.AddValue("HttpStatus", _httpStatus, typeof(PluginHttpStatusCode));
            base.GetObjectData(info, context);
        }
    }
}
